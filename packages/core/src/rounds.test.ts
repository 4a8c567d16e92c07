import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { CandidateVotes, Round1Tally, Round1TallyInput } from './rounds.js';
import {
  pluralityWinners,
  round1Winners,
  runoffCandidates,
  validateRound1Tally,
} from './rounds.js';

function tally(input: Round1TallyInput): Round1Tally {
  const checked = validateRound1Tally(input);
  if (!checked.ok) throw new Error(JSON.stringify(checked.error));
  return checked.value;
}

const codes = (list: readonly CandidateVotes[]): string[] => list.map((entry) => entry.code);

function candidates(...votes: number[]): CandidateVotes[] {
  return votes.map((count, index) => ({ code: String(101 + index), votes: count }));
}

/** Declared winners when round 1 has no tie to settle. */
function sureWinners(t: Round1Tally): string[] {
  return codes(round1Winners(t).winners);
}

/** Declared winners, with a stand-in for the lot: the first `places` of a tied group. */
function declaredAfterLot(t: Round1Tally): string[] {
  const { winners, tiedAtCut } = round1Winners(t);
  return codes([...winners, ...(tiedAtCut?.candidates.slice(0, tiedAtCut.places) ?? [])]);
}

/**
 * Any consistent round-1 tally: seats 1–30, up to 60 candidates with distinct codes, counts
 * clustered so that ties and the 20% line come up often, and valid ballots large enough that
 * no count exceeds them and the total is at most seats × ballots.
 */
const anyTally = fc
  .record({
    seats: fc.integer({ min: 1, max: 30 }),
    counts: fc.array(
      fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 1_000 })),
      {
        minLength: 1,
        maxLength: 60,
      },
    ),
    extraBallots: fc.integer({ min: 0, max: 200 }),
  })
  .map(({ seats, counts, extraBallots }) => {
    const total = counts.reduce((sum, n) => sum + n, 0);
    const validBallots = Math.max(1, Math.max(...counts), Math.ceil(total / seats)) + extraBallots;
    return tally({ seats, validBallots, candidates: candidates(...counts) });
  });

function isSortedForDisplay(list: readonly CandidateVotes[]): boolean {
  return list.every((entry, i) => {
    const previous = list[i - 1];
    return (
      previous === undefined ||
      previous.votes > entry.votes ||
      (previous.votes === entry.votes && previous.code < entry.code)
    );
  });
}

describe('validateRound1Tally', () => {
  it('accepts a consistent tally, the definition’s round1 section included', () => {
    const withNames = {
      seats: 2,
      validBallots: 10,
      candidates: [
        { code: '101', name: { fa: 'الف', en: 'A' }, votes: 7 },
        { code: '102', name: { fa: 'ب', en: 'B' }, votes: 3 },
      ],
    };
    const checked = validateRound1Tally(withNames);
    expect(checked.ok).toBe(true);
    if (checked.ok)
      expect(checked.value.candidates).toEqual([
        { code: '101', votes: 7 },
        { code: '102', votes: 3 },
      ]);
  });

  it('reports every problem at once, each with its path', () => {
    const checked = validateRound1Tally({
      seats: 0,
      validBallots: 100,
      candidates: [
        { code: '101', votes: 150 },
        { code: '102', votes: -1 },
        { code: '101', votes: 2.5 },
        { code: '', votes: 3 },
      ],
    });
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.error.map((p) => [p.code, p.path])).toEqual([
        ['INPUT_TOO_SMALL', ['seats']],
        ['INPUT_TOO_SMALL', ['candidates', 1, 'votes']],
        ['DEFINITION_DUPLICATE_ID', ['candidates', 2, 'code']],
        ['INPUT_WRONG_TYPE', ['candidates', 2, 'votes']],
        ['INPUT_REQUIRED', ['candidates', 3, 'code']],
        ['ROUND1_VOTES_EXCEED_BALLOTS', ['candidates', 0, 'votes']],
      ]);
    }
  });

  it('refuses a tally with no valid ballots, where everyone would clear the 20% line', () => {
    const checked = validateRound1Tally({ seats: 1, validBallots: 0, candidates: candidates(0) });
    expect(checked.ok ? [] : checked.error.map((p) => p.code)).toEqual(['INPUT_TOO_SMALL']);
  });

  it('refuses more votes in all than seats × valid ballots', () => {
    const checked = validateRound1Tally({
      seats: 2,
      validBallots: 10,
      candidates: candidates(10, 10, 1),
    });
    expect(checked.ok ? [] : checked.error.map((p) => p.code)).toEqual([
      'ROUND1_TOTAL_VOTES_EXCEED',
    ]);
    expect(
      validateRound1Tally({ seats: 2, validBallots: 10, candidates: candidates(10, 10, 0) }).ok,
    ).toBe(true);
  });

  it('refuses non-integer seats and ballots', () => {
    const checked = validateRound1Tally({
      seats: 1.5,
      validBallots: Number.NaN,
      candidates: candidates(1),
    });
    expect(checked.ok ? [] : checked.error.map((p) => [p.code, p.path])).toEqual([
      ['INPUT_WRONG_TYPE', ['seats']],
      ['INPUT_WRONG_TYPE', ['validBallots']],
    ]);
  });

  it('is not changed by later changes to the caller’s object', () => {
    const input = { seats: 1, validBallots: 10, candidates: [{ code: '101', votes: 5 }] };
    const t = tally(input);
    input.candidates[0] = { code: '999', votes: 1 };
    expect(t.candidates).toEqual([{ code: '101', votes: 5 }]);
  });
});

describe('round1Winners', () => {
  it('needs at least 20% of valid ballots: exactly 20% wins, one vote below does not', () => {
    const t = tally({ seats: 3, validBallots: 1_000, candidates: candidates(200, 199, 500) });
    expect(round1Winners(t)).toEqual({
      winners: [
        { code: '103', votes: 500 },
        { code: '101', votes: 200 },
      ],
    });
  });

  it('uses exact integers at a line that is not a whole number of ballots', () => {
    // 20% of 1,001 is 200.2: 200 is below, 201 is over.
    const t = tally({ seats: 3, validBallots: 1_001, candidates: candidates(201, 200) });
    expect(codes(round1Winners(t).winners)).toEqual(['101']);
  });

  it('needs a place within the seats as well', () => {
    const t = tally({ seats: 2, validBallots: 100, candidates: candidates(30, 50, 40, 20) });
    expect(round1Winners(t)).toEqual({
      winners: [
        { code: '102', votes: 50 },
        { code: '103', votes: 40 },
      ],
    });
  });

  it('reports a tie at the last winning place instead of breaking it', () => {
    const t = tally({ seats: 2, validBallots: 100, candidates: candidates(60, 30, 30, 30, 10) });
    expect(round1Winners(t)).toEqual({
      winners: [{ code: '101', votes: 60 }],
      tiedAtCut: {
        candidates: [
          { code: '102', votes: 30 },
          { code: '103', votes: 30 },
          { code: '104', votes: 30 },
        ],
        places: 1,
      },
    });
  });

  it('is no tie when the tied group fits the seats', () => {
    const t = tally({ seats: 3, validBallots: 100, candidates: candidates(60, 30, 30, 10) });
    expect(round1Winners(t)).toEqual({ winners: candidates(60, 30, 30) });
  });

  it('can have no winner at all', () => {
    const t = tally({ seats: 16, validBallots: 100, candidates: candidates(19, 19, 19) });
    expect(round1Winners(t)).toEqual({ winners: [] });
  });

  test.prop([anyTally])(
    'winners all have ≥ 20%, are at most the seats, and are ahead of every non-winner',
    (t) => {
      const { winners, tiedAtCut } = round1Winners(t);
      const tied = tiedAtCut?.candidates ?? [];
      expect(winners.length + (tiedAtCut?.places ?? 0)).toBeLessThanOrEqual(t.seats);
      for (const w of [...winners, ...tied])
        expect(5 * w.votes).toBeGreaterThanOrEqual(t.validBallots);
      const chosen = new Set(codes([...winners, ...tied]));
      const rest = t.candidates.filter((c) => !chosen.has(c.code));
      for (const w of winners)
        for (const r of [...rest, ...tied]) expect(w.votes).toBeGreaterThan(r.votes);
      expect(isSortedForDisplay(winners)).toBe(true);
      if (tiedAtCut !== undefined) {
        expect(new Set(tied.map((c) => c.votes)).size).toBe(1);
        expect(tied.length).toBeGreaterThan(tiedAtCut.places);
        expect(tiedAtCut.places).toBeGreaterThan(0);
        expect(winners.length + tiedAtCut.places).toBe(t.seats);
      } else {
        const over = t.candidates.filter((c) => 5 * c.votes >= t.validBallots);
        expect(winners.length).toBe(Math.min(t.seats, over.length));
      }
    },
  );
});

describe('runoffCandidates', () => {
  /** The Tehran runoff (DESIGN §2): 30 seats, 14 won in round 1, 16 remain, 32 on the list. */
  function tehranRound1(): Round1Tally {
    const validBallots = 1_570_000;
    const winners = Array.from({ length: 14 }, (_, i) => 600_000 - i * 10_000); // all over 314,000
    const others = Array.from({ length: 60 }, (_, i) => 300_000 - i * 4_000);
    return tally({ seats: 30, validBallots, candidates: candidates(...winners, ...others) });
  }

  it('lists 32 candidates for the 16 seats left after 14 round-1 winners in Tehran', () => {
    const t = tehranRound1();
    const winners = sureWinners(t);
    expect(winners).toHaveLength(14);
    const list = runoffCandidates(t, winners);
    expect(list.ok).toBe(true);
    if (list.ok) {
      expect(list.value.remainingSeats).toBe(16);
      expect(list.value.candidates).toHaveLength(32);
      expect(list.value.tiedAtCut).toBeUndefined();
      expect(codes(list.value.candidates)).toEqual(
        Array.from({ length: 32 }, (_, i) => String(115 + i)),
      );
    }
  });

  it('lists every non-winner when there are fewer than twice the remaining seats', () => {
    const t = tally({ seats: 3, validBallots: 100, candidates: candidates(50, 10, 5) });
    const list = runoffCandidates(t, ['101']);
    expect(list).toEqual({
      ok: true,
      value: { remainingSeats: 2, candidates: candidates(50, 10, 5).slice(1) },
    });
  });

  it('reports a tie across the cut: the sure part and the tied group with its places', () => {
    // 2 seats, 1 winner → R = 1, 2 places; 104, 105, 106 tie for the second.
    const t = tally({
      seats: 2,
      validBallots: 100,
      candidates: candidates(60, 10, 15, 12, 12, 12),
    });
    const list = runoffCandidates(t, ['101']);
    expect(list).toEqual({
      ok: true,
      value: {
        remainingSeats: 1,
        candidates: [{ code: '103', votes: 15 }],
        tiedAtCut: {
          candidates: [
            { code: '104', votes: 12 },
            { code: '105', votes: 12 },
            { code: '106', votes: 12 },
          ],
          places: 1,
        },
      },
    });
  });

  it('orders equal votes by code for display only, without a tie when all of them fit', () => {
    const t = tally({
      seats: 2,
      validBallots: 100,
      candidates: [
        { code: '300', votes: 60 },
        { code: '250', votes: 12 },
        { code: '200', votes: 12 },
        { code: '100', votes: 5 },
      ],
    });
    const list = runoffCandidates(t, ['300']);
    expect(list.ok && codes(list.value.candidates)).toEqual(['200', '250']);
    expect(list.ok && list.value.tiedAtCut).toBeUndefined();
  });

  it('is empty when every seat was won in round 1', () => {
    const t = tally({ seats: 2, validBallots: 100, candidates: candidates(60, 50, 10) });
    expect(runoffCandidates(t, ['101', '102'])).toEqual({
      ok: true,
      value: { remainingSeats: 0, candidates: [] },
    });
  });

  it('takes the lot’s choice from a round-1 tie, and lists the tied candidates the lot left out', () => {
    const t = tally({ seats: 2, validBallots: 100, candidates: candidates(60, 30, 30, 30, 10) });
    const list = runoffCandidates(t, ['101', '103']);
    expect(list.ok && list.value.remainingSeats).toBe(0);
    const threeSeats = tally({
      seats: 3,
      validBallots: 100,
      candidates: candidates(60, 25, 25, 25, 10, 9),
    });
    expect(round1Winners(threeSeats).tiedAtCut?.places).toBe(2);
    const after = runoffCandidates(threeSeats, ['101', '102', '104']);
    expect(after).toEqual({ ok: true, value: { remainingSeats: 0, candidates: [] } });
  });

  it('refuses declared winners that do not follow the law, reporting every problem', () => {
    const t = tally({ seats: 2, validBallots: 100, candidates: candidates(60, 30, 30, 30, 10) });
    const list = runoffCandidates(t, ['105', '102', '103', '102']);
    expect(list.ok ? [] : list.error.map((p) => [p.code, p.details?.['reason'] ?? null])).toEqual([
      ['ROUND1_WINNERS_MISMATCH', 'not-a-round-1-winner'],
      ['DEFINITION_DUPLICATE_ID', null],
      ['ROUND1_WINNERS_MISMATCH', 'round-1-winner-missing'],
      ['ROUND1_WINNERS_MISMATCH', 'lot-must-fill-tied-places'],
    ]);
    const unsettled = runoffCandidates(t, ['101']);
    expect(unsettled.ok ? [] : unsettled.error.map((p) => p.details?.['reason'])).toEqual([
      'lot-must-fill-tied-places',
    ]);
  });

  test.prop([anyTally])(
    'is min(2R, non-winners) long without a tie at the cut, ordered, winner-free, and no one left out has more votes',
    (t) => {
      const winners = declaredAfterLot(t);
      const list = runoffCandidates(t, winners);
      expect(list.ok).toBe(true);
      if (!list.ok) return;
      const { remainingSeats, candidates: listed, tiedAtCut } = list.value;
      expect(remainingSeats).toBe(t.seats - winners.length);
      const nonWinners = t.candidates.filter((c) => !winners.includes(c.code));
      for (const c of listed) expect(winners).not.toContain(c.code);
      expect(isSortedForDisplay(listed)).toBe(true);
      const onList = new Set(codes([...listed, ...(tiedAtCut?.candidates ?? [])]));
      const leftOut = nonWinners.filter((c) => !onList.has(c.code));
      if (tiedAtCut === undefined) {
        expect(listed).toHaveLength(Math.min(2 * remainingSeats, nonWinners.length));
        for (const out of leftOut)
          for (const inn of listed) expect(out.votes).toBeLessThanOrEqual(inn.votes);
      } else {
        expect(listed.length + tiedAtCut.places).toBe(2 * remainingSeats);
        expect(tiedAtCut.candidates.length).toBeGreaterThan(tiedAtCut.places);
        const tiedVotes = tiedAtCut.candidates[0]?.votes ?? -1;
        for (const c of tiedAtCut.candidates) expect(c.votes).toBe(tiedVotes);
        for (const c of listed) expect(c.votes).toBeGreaterThan(tiedVotes);
        for (const out of leftOut) expect(out.votes).toBeLessThan(tiedVotes);
      }
    },
  );
});

describe('pluralityWinners (round 2)', () => {
  it('elects the top candidates by votes', () => {
    expect(pluralityWinners(2, candidates(5, 9, 7))).toEqual({
      ok: true,
      value: {
        winners: [
          { code: '102', votes: 9 },
          { code: '103', votes: 7 },
        ],
      },
    });
  });

  it('reports a tie at the last seat for the lot', () => {
    expect(pluralityWinners(2, candidates(9, 7, 7, 7, 1))).toEqual({
      ok: true,
      value: {
        winners: [{ code: '101', votes: 9 }],
        tiedAtLastSeat: { candidates: candidates(9, 7, 7, 7).slice(1), seatsLeft: 1 },
      },
    });
  });

  it('elects everyone when there are no more candidates than seats', () => {
    expect(pluralityWinners(16, candidates(3, 3, 0))).toEqual({
      ok: true,
      value: { winners: candidates(3, 3, 0) },
    });
  });

  it('refuses bad input, reporting every problem', () => {
    const result = pluralityWinners(0, [
      { code: '1', votes: -2 },
      { code: '1', votes: 0.5 },
    ]);
    expect(result.ok ? [] : result.error.map((p) => [p.code, p.path])).toEqual([
      ['INPUT_TOO_SMALL', ['seats']],
      ['INPUT_TOO_SMALL', ['votes', 0, 'votes']],
      ['DEFINITION_DUPLICATE_ID', ['votes', 1, 'code']],
      ['INPUT_WRONG_TYPE', ['votes', 1, 'votes']],
    ]);
  });

  test.prop([fc.integer({ min: 1, max: 20 }), anyTally])(
    'winners plus the places left to the lot are min(seats, candidates), and winners lead everyone else',
    (seats, t) => {
      const result = pluralityWinners(seats, t.candidates);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const { winners, tiedAtLastSeat } = result.value;
      expect(winners.length + (tiedAtLastSeat?.seatsLeft ?? 0)).toBe(
        Math.min(seats, t.candidates.length),
      );
      const won = new Set(codes(winners));
      for (const w of winners) {
        for (const other of t.candidates)
          if (!won.has(other.code)) expect(w.votes).toBeGreaterThanOrEqual(other.votes);
      }
      if (tiedAtLastSeat !== undefined) {
        for (const w of winners)
          expect(w.votes).toBeGreaterThan(tiedAtLastSeat.candidates[0]?.votes ?? Infinity);
      }
      expect(isSortedForDisplay(winners)).toBe(true);
    },
  );
});
