import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { checkDigit, NationalCodeScramble, nationalCodeAt } from './nationalCodes.js';

describe('national codes of the demo registry', () => {
  it('computes the check digit of DESIGN §2 (Σ dᵢ·(10−i) mod 11)', () => {
    expect(checkDigit('049937089')).toBe(9); // 266 mod 11 = 2 → 11 − 2
    expect(checkDigit('000000001')).toBe(9); // r = 2 → 11 − 2
    expect(checkDigit('000000006')).toBe(1); // r = 1 → 1
    expect(checkDigit('000000014')).toBe(0); // r = 0 → 0
  });

  test.prop([fc.integer({ min: 0, max: 999_999_999 })])(
    'check digit: r < 2 ⇒ r, else 11 − r',
    (n) => {
      const first9 = String(n).padStart(9, '0');
      let s = 0;
      for (let i = 0; i < 9; i += 1) s += Number(first9[i]) * (10 - i);
      const r = s % 11;
      expect(checkDigit(first9)).toBe(r < 2 ? r : 11 - r);
    },
  );

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
