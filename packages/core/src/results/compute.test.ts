import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { computeResults, declareWinners, turnoutBasisPoints } from './compute.js';
import type { ElectionResults } from './compute.js';
import type { BranchCount } from './schema.js';
import { countOfBallots, testGeography } from './testSupport.js';

const geography = testGeography();
const codes = geography.candidates.map((c) => c.code);

function computed(counts: BranchCount[], unreconciled: string[] = []): ElectionResults {
  const result = computeResults(geography, {
    branchCounts: counts,
    registeredVoters: 1_000,
    unreconciledBranches: unreconciled,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const ballotArb = fc.uniqueArray(fc.constantFrom(...codes), { maxLength: 16 });
const electionArb = fc.array(fc.array(ballotArb, { maxLength: 12 }), {
  minLength: geography.branches.length,
  maxLength: geography.branches.length,
});

describe('the result computation', () => {
  test.prop([electionArb])(
    'equals an independent plain count at every level: branch, zone HQ, zone, constituency',
    (perBranch) => {
      const counts = perBranch.map((ballots, i) => countOfBallots(geography, `b${i + 1}`, ballots));
      const result = computed(counts);
      const all = perBranch.flat();
      const plain = (ballots: readonly (readonly string[])[], code: string): number =>
        ballots.filter((b) => b.includes(code)).length;
      expect(result.constituency.ballotsCast).toBe(all.length);
      expect(result.constituency.blankBallots).toBe(all.filter((b) => b.length === 0).length);
      for (const entry of result.constituency.votes)
        expect(entry.votes).toBe(plain(all, entry.code));
      for (const zone of result.zones) {
        const inZone = perBranch.filter((_, i) => geography.branches[i]?.zoneId === zone.id).flat();
        expect(zone.ballotsCast).toBe(inZone.length);
        for (const entry of zone.votes) expect(entry.votes).toBe(plain(inZone, entry.code));
      }
      for (const hq of result.zoneHqs) {
        const inHq = perBranch.filter((_, i) => geography.branches[i]?.zoneHqId === hq.id).flat();
        expect(hq.votes.reduce((s, e) => s + e.votes, 0)).toBe(
          inHq.reduce((s, b) => s + b.length, 0),
        );
      }
      expect(result.state).toBe('final');
      expect(result.turnout.basisPoints).toBe(turnoutBasisPoints(all.length, 1_000));
    },
  );

  it('lists every candidate, a candidate with zero votes included, and elects 16', () => {
    const ballots = [codes.slice(0, 16), codes.slice(0, 16), []];
    const result = computed(
      geography.branches.map((b) => countOfBallots(geography, b.id, ballots)),
    );
    expect(result.constituency.votes).toHaveLength(32);
    expect(result.constituency.votes.find((v) => v.code === '132')?.votes).toBe(0);
    expect(result.outcome.winners.map((w) => w.code)).toEqual(codes.slice(0, 16));
    expect(result.outcome.tiedAtLastSeat).toBeUndefined();
    expect(result.constituency.blankBallots).toBe(6 * 1);
  });

  it('detects a tie across the 16th seat and never breaks it', () => {
    // 15 sure winners; 116, 117 and 118 tie for the last seat.
    const ballots = [codes.slice(0, 15), codes.slice(0, 15), ['116'], ['117'], ['118']];
    const result = computed(
      geography.branches.map((b) => countOfBallots(geography, b.id, ballots)),
    );
    expect(result.outcome.winners).toHaveLength(15);
    expect(result.outcome.tiedAtLastSeat?.seatsLeft).toBe(1);
    expect(result.outcome.tiedAtLastSeat?.candidates.map((c) => c.code)).toEqual([
      '116',
      '117',
      '118',
    ]);
    expect(declareWinners(result.outcome, ['117'])).toMatchObject({ ok: true });
    expect(declareWinners(result.outcome, ['120'])).toMatchObject({ ok: false });
    expect(declareWinners(result.outcome, [])).toMatchObject({ ok: false });
  });

  it('is partial until every branch reports, provisional until every branch is reconciled', () => {
    const counts = geography.branches.map((b) => countOfBallots(geography, b.id, [['101']]));
    const partial = computed(counts.slice(1));
    expect(partial.state).toBe('partial');
    expect(partial.constituency.branchesReported).toBe(5);
    expect(partial.branches[0]?.reported).toBe(false);
    expect(computed(counts, ['b2']).state).toBe('provisional');
    expect(computed(counts).state).toBe('final');
  });

  it('computes turnout in exact hundredths of a percent, rounded half up', () => {
    expect(turnoutBasisPoints(552_000, 7_000_000)).toBe(789);
    expect(turnoutBasisPoints(1, 8)).toBe(1_250);
    expect(turnoutBasisPoints(1, 3)).toBe(3_333);
    expect(turnoutBasisPoints(2, 3)).toBe(6_667);
    expect(turnoutBasisPoints(5, 0)).toBe(0);
  });

  it('refuses unknown, repeated and impossible counts, reporting each', () => {
    const good = countOfBallots(geography, 'b1', [['101', '102']]);
    const result = computeResults(geography, {
      branchCounts: [
        good,
        good,
        { ...good, branchId: 'b99' },
        { ...good, branchId: 'b2', blankBallots: 5 },
        { ...good, branchId: 'b3', votes: good.votes.slice(1) },
        { ...good, branchId: 'b4', votes: good.votes.map((v) => ({ ...v, votes: 1 })) },
      ],
      registeredVoters: 10,
      unreconciledBranches: [],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((p) => p.code)).toEqual([
      'RESULTS_DUPLICATE_BRANCH',
      'RESULTS_UNKNOWN_BRANCH',
      'RESULTS_COUNTS_IMPOSSIBLE',
      'RESULTS_CANDIDATES_MISMATCH',
      'RESULTS_COUNTS_IMPOSSIBLE',
    ]);
    const malformed = computeResults(geography, { branchCounts: 'x' });
    expect(malformed.ok).toBe(false);
  });
});
