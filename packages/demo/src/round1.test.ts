import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { deriveRunoff, generateRound1Results, ROUND1_SEATS } from './round1.js';

describe('round 1 of the Tehran demo', () => {
  const results = generateRound1Results({ seed: 'sandogh-tehran-1403' });
  const winners = results.candidates.filter((c) => 5 * c.votes >= results.validBallots);

  it('has 30 seats, about 1.57 million valid ballots and a few hundred candidates', () => {
    expect(results.seats).toBe(ROUND1_SEATS);
    expect(results.validBallots).toBeGreaterThan(1_550_000);
    expect(results.validBallots).toBeLessThan(1_590_000);
    expect(results.candidates).toHaveLength(250);
  });

  it('elects exactly 14 candidates with 20% of the valid ballots, leaving 16 seats', () => {
    expect(winners).toHaveLength(14);
    expect(deriveRunoff(results).remainingSeats).toBe(16);
  });

  it('lists 32 for the runoff: the top non-winners, with no tie at the cut', () => {
    const ranked = [...results.candidates].sort((a, b) => b.votes - a.votes);
    const { runoff } = deriveRunoff(results);
    expect(runoff.map((c) => c.code)).toEqual(ranked.slice(14, 46).map((c) => c.code));
    expect(ranked[45]?.votes).toBeGreaterThan(ranked[46]?.votes ?? Infinity);
  });

  it('is a possible count: no candidate above the ballots, no more names than seats per ballot', () => {
    const total = results.candidates.reduce((s, c) => s + c.votes, 0);
    expect(total).toBeLessThanOrEqual(results.seats * results.validBallots);
    for (const c of results.candidates) expect(c.votes).toBeLessThanOrEqual(results.validBallots);
  });

  it('has a long tail: the last candidates have a few hundred to a few thousand votes', () => {
    const last = results.candidates.at(-1);
    expect(last?.votes).toBeGreaterThan(100);
    expect(last?.votes).toBeLessThan(5_000);
  });

  it('gives unique codes of the configured length and unique names', () => {
    for (const length of [3, 4, 6]) {
      const r = generateRound1Results({ seed: 's', candidateCodeLength: length });
      expect(new Set(r.candidates.map((c) => c.code)).size).toBe(r.candidates.length);
      for (const c of r.candidates)
        expect(c.code).toMatch(new RegExp(`^[1-9][0-9]{${length - 1}}$`));
    }
    expect(new Set(results.candidates.map((c) => c.name.fa)).size).toBe(results.candidates.length);
  });

  it('refuses a code length too short for the candidates', () => {
    expect(() => generateRound1Results({ seed: 's', candidateCodeLength: 2 })).toThrow(RangeError);
  });

  test.prop([fc.string({ maxLength: 20 })], { numRuns: 25 })(
    'for any seed: 14 winners, 32 runoff candidates, all counts distinct',
    (seed) => {
      const r = generateRound1Results({ seed });
      expect(r.candidates.filter((c) => 5 * c.votes >= r.validBallots)).toHaveLength(14);
      expect(new Set(r.candidates.map((c) => c.votes)).size).toBe(r.candidates.length);
      expect(deriveRunoff(r).runoff).toHaveLength(32);
    },
  );

  it('refuses to pick between tied candidates at the cut (that is for the lot)', () => {
    const tied = {
      seats: 2,
      validBallots: 100,
      candidates: [
        { code: '1', name: { fa: 'الف', en: 'A' }, votes: 30 },
        { code: '2', name: { fa: 'ب', en: 'B' }, votes: 10 },
        { code: '3', name: { fa: 'پ', en: 'C' }, votes: 9 },
        { code: '4', name: { fa: 'ت', en: 'D' }, votes: 9 },
      ],
    };
    expect(() => deriveRunoff(tied)).toThrow(/lot/);
  });
});
