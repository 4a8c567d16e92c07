import { describe, expect, it } from 'vitest';
import { NationalCodeScramble, nationalCodeAt } from './nationalCodes.js';

describe('national codes of the demo registry', () => {
  it('scrambles indexes into distinct nine-digit prefixes', () => {
    const scramble = new NationalCodeScramble('seed');
    const seen = new Set<number>();
    for (let i = 0; i < 50_000; i += 1) {
      const p = scramble.prefix(i);
      expect(p >= 0 && p < 1_000_000_000).toBe(true);
      seen.add(p);
    }
    expect(seen.size).toBe(50_000);
  });

  it('does not hand out codes in counter order', () => {
    const scramble = new NationalCodeScramble('seed');
    const codes = Array.from({ length: 100 }, (_, i) => nationalCodeAt(scramble, i));
    expect([...codes].sort()).not.toEqual(codes);
  });

  it('depends on the seed', () => {
    const a = new NationalCodeScramble('a');
    const b = new NationalCodeScramble('b');
    expect(Array.from({ length: 10 }, (_, i) => a.prefix(i))).not.toEqual(
      Array.from({ length: 10 }, (_, i) => b.prefix(i)),
    );
  });
});
