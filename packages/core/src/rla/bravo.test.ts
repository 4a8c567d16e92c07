import { describe, expect, it } from 'vitest';
import { auditPairs, evaluateRound, pairStatistics, planAudit } from './bravo.js';
import type { AuditPlan, PaperVote, ReportedContest } from './bravo.js';

/** Two seats, four candidates: 101 and 102 reported winners. */
const reported: ReportedContest = {
  ballotsCast: 10_000,
  votes: [
    { code: '101', votes: 6_000 },
    { code: '102', votes: 5_000 },
    { code: '103', votes: 4_000 },
    { code: '104', votes: 0 },
  ],
  winners: ['101', '102'],
};

function plan(riskLimit = 0.1, extra: Record<string, unknown> = {}): AuditPlan {
  const planned = planAudit({ riskLimit, ...extra }, reported);
  if (!planned.ok) throw new Error(JSON.stringify(planned.error));
  return planned.value;
}

describe('BRAVO for a multi-winner plurality contest', () => {
  it('tests every (winner, loser) pair with s = v_w / (v_w + v_ℓ)', () => {
    const pairs = auditPairs(reported);
    expect(pairs.map((p) => `${p.winner}>${p.loser}`)).toEqual([
      '101>103',
      '101>104',
      '102>103',
      '102>104',
    ]);
    expect(pairs[2]?.share).toBeCloseTo(5 / 9, 12);
    expect(pairs[1]?.share).toBe(1);
  });

  it('multiplies T by 2s for w-not-ℓ, 2(1−s) for ℓ-not-w, and leaves it for both, neither, blank', () => {
    const p = plan();
    const votes: PaperVote[] = [['102'], ['103'], ['102', '103'], [], ['101'], ['102', '101']];
    const pair = pairStatistics(p, votes).find((s) => s.winner === '102' && s.loser === '103');
    const s = 5 / 9;
    const t = 2 * s * (2 * s) * (2 * (1 - s));
    expect(pair?.logStatistic).toBeCloseTo(Math.log(t), 12);
    expect(pair?.risk).toBeCloseTo(1 / t, 12);
  });

  it('counts a paper not found as showing every loser and no winner', () => {
    const [with101] = pairStatistics(plan(), [null]);
    expect(with101?.logStatistic).toBeCloseTo(Math.log(2 * (4 / 10)), 12);
    const toZero = pairStatistics(plan(), [null]).find((s) => s.loser === '104');
    expect(toZero?.logStatistic).toBe(Number.NEGATIVE_INFINITY);
    expect(toZero?.risk).toBe(1);
  });

  it('estimates the first round from the closest pair, and stops once every pair is confirmed', () => {
    const p = plan(0.1, { roundGrowth: 1 });
    // 102 v 103 is the closest pair: drift = 0.5·ln(10/9) + 0.4·ln(8/9).
    const drift = 0.5 * Math.log(10 / 9) + 0.4 * Math.log(8 / 9);
    expect(p.initialSampleSize).toBe(Math.ceil(Math.log(10) / drift));
    // Papers exactly as reported: each pair's T climbs past 1/α.
    const votes: PaperVote[] = Array.from({ length: 400 }, (_, i) =>
      i % 4 === 0 ? ['101', '102'] : i % 4 === 1 ? ['101'] : i % 4 === 2 ? ['102'] : ['103'],
    );
    const outcome = evaluateRound(p, votes, 1);
    expect(outcome.decision).toEqual({ kind: 'stop' });
    expect(outcome.risk).toBeLessThan(0.1);
    expect(outcome.pairs.every((s) => s.confirmed)).toBe(true);
  });

  it('asks for another round, then a full hand count at the cap or after the last round', () => {
    const p = plan(0.05);
    const tied: PaperVote[] = Array.from({ length: 100 }, (_, i) => (i % 2 ? ['102'] : ['103']));
    const next = evaluateRound(p, tied, 1);
    expect(next.decision.kind).toBe('another-round');
    expect(evaluateRound(plan(0.05, { maxRounds: 1 }), tied, 1).decision).toEqual({
      kind: 'full-hand-count',
      reason: 'max-rounds',
    });
    const against: PaperVote[] = Array.from({ length: 300 }, () => ['103']);
    expect(evaluateRound(p, against, 1).decision).toEqual({
      kind: 'full-hand-count',
      reason: 'sample-cap',
    });
  });

  it('goes straight to a hand count when the report shows no margin (a tie settled by lot)', () => {
    const planned = planAudit(
      { riskLimit: 0.05 },
      {
        ...reported,
        votes: reported.votes.map((v) => (v.code === '103' ? { ...v, votes: 5_000 } : v)),
      },
    );
    expect(planned).toMatchObject({
      ok: true,
      value: {
        initialSampleSize: 0,
        initialDecision: { kind: 'full-hand-count', reason: 'no-margin' },
      },
    });
  });

  it('refuses a risk limit out of range and winners that are not candidates', () => {
    expect(planAudit({ riskLimit: 0 }, reported)).toMatchObject({ ok: false });
    expect(planAudit({ riskLimit: 0.6 }, reported)).toMatchObject({ ok: false });
    expect(planAudit({ riskLimit: 0.1 }, { ...reported, winners: ['999'] })).toMatchObject({
      ok: false,
      error: [{ code: 'RLA_PARAMETERS_INVALID' }],
    });
  });
});
