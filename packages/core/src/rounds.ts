import { problem } from './errors.js';
import type { Problem, ProblemPath } from './problem.js';
import { err, ok } from './result.js';
import type { Result } from './result.js';

/**
 * The counting rules of the Majlis election law as amended in 1402 (DESIGN §2 "Counting"):
 * - round 1: a candidate wins with at least 20% of the valid ballots *and* a place within the
 *   constituency's seats;
 * - the runoff lists, from the top non-winners by round-1 votes, twice as many candidates as
 *   seats remain (all of them if fewer);
 * - round 2 is won by plurality.
 * Ties are never broken here: a tie across a cut is reported so that the executive and
 * supervisory boards can settle it by lot in a joint session (DESIGN §2), and the lot's result
 * comes back in as the declared winners.
 *
 * Lists come out ordered by votes, most first, and among equal votes by candidate code. That
 * second order is for display only: candidates with equal votes are *not* ranked.
 */

export interface CandidateVotes {
  readonly code: string;
  readonly votes: number;
}

export interface Round1TallyInput {
  readonly seats: number;
  readonly validBallots: number;
  readonly candidates: readonly CandidateVotes[];
}

/** A round-1 tally that passed `validateRound1Tally`; the only input the rules accept. */
export type Round1Tally = Round1TallyInput & { readonly brand: 'Round1Tally' };

/** A group that ties across a cut: `places` of them, chosen by lot, go through. */
export interface TieAtCut {
  readonly candidates: readonly CandidateVotes[];
  readonly places: number;
}

export interface Round1Outcome {
  /** Sure winners: every one is ahead of everyone who does not win. */
  readonly winners: readonly CandidateVotes[];
  /** Candidates over the 20% line tied for the last winning places, which they outnumber. */
  readonly tiedAtCut?: TieAtCut;
}

export interface RunoffList {
  /** R = seats − round-1 winners. */
  readonly remainingSeats: number;
  /** Sure runoff candidates (2R of them, or every non-winner if fewer, when there is no tie). */
  readonly candidates: readonly CandidateVotes[];
  /** Non-winners tied for the last places on the list, which they outnumber. */
  readonly tiedAtCut?: TieAtCut;
}

export interface PluralityOutcome {
  readonly winners: readonly CandidateVotes[];
  /** Candidates tied for the last seats, to be settled by lot (DESIGN §2). */
  readonly tiedAtLastSeat?: {
    readonly candidates: readonly CandidateVotes[];
    readonly seatsLeft: number;
  };
}

function byVotesThenCode(a: CandidateVotes, b: CandidateVotes): number {
  if (a.votes !== b.votes) return b.votes - a.votes;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function checkCount(
  value: number,
  minimum: number,
  path: ProblemPath,
  problems: Problem[],
): boolean {
  if (!Number.isSafeInteger(value)) {
    problems.push(problem('INPUT_WRONG_TYPE', { expected: 'integer' }, path));
    return false;
  }
  if (value < minimum) {
    problems.push(problem('INPUT_TOO_SMALL', { minimum }, path));
    return false;
  }
  return true;
}

/** Checks every candidate entry under `at`; returns the entries whose votes are counts. */
function checkCandidates(
  entries: readonly CandidateVotes[],
  at: string,
  problems: Problem[],
): CandidateVotes[] {
  const firstSeen = new Map<string, number>();
  const counted: CandidateVotes[] = [];
  entries.forEach((entry, index) => {
    if (entry.code === '') problems.push(problem('INPUT_REQUIRED', undefined, [at, index, 'code']));
    const first = firstSeen.get(entry.code);
    if (first === undefined) firstSeen.set(entry.code, index);
    else {
      problems.push(
        problem('DEFINITION_DUPLICATE_ID', { id: entry.code, first: `$.${at}[${first}]` }, [
          at,
          index,
          'code',
        ]),
      );
    }
    if (checkCount(entry.votes, 0, [at, index, 'votes'], problems)) counted.push(entry);
  });
  return counted;
}

/**
 * Validates a constituency's round-1 tally, reporting every problem at once (law 8: a clear
 * error for each; an operator importing a results file fixes them in one pass): seats a
 * positive integer; valid ballots a positive integer (with none, the 20% line is 0 and everyone
 * would "win"); each candidate code present and unique; each count a non-negative integer no
 * larger than the valid ballots (a ballot names a candidate at most once, DESIGN §2 "a code
 * entered twice counts once"); and the total no larger than seats × valid ballots (a ballot
 * names at most as many candidates as there are seats). The definition's `round1` section
 * (candidates with names) is accepted as it is.
 */
export function validateRound1Tally(
  input: Round1TallyInput,
): Result<Round1Tally, readonly Problem[]> {
  const problems: Problem[] = [];
  const seatsOk = checkCount(input.seats, 1, ['seats'], problems);
  const ballotsOk = checkCount(input.validBallots, 1, ['validBallots'], problems);
  const counted = checkCandidates(input.candidates, 'candidates', problems);
  if (ballotsOk) {
    input.candidates.forEach((entry, index) => {
      if (isCount(entry.votes) && entry.votes > input.validBallots) {
        problems.push(
          problem(
            'ROUND1_VOTES_EXCEED_BALLOTS',
            {
              votes: entry.votes,
              validBallots: input.validBallots,
            },
            ['candidates', index, 'votes'],
          ),
        );
      }
    });
    const total = counted.reduce((sum, entry) => sum + entry.votes, 0);
    if (seatsOk && total > input.seats * input.validBallots) {
      problems.push(
        problem(
          'ROUND1_TOTAL_VOTES_EXCEED',
          {
            total,
            maximum: input.seats * input.validBallots,
          },
          ['candidates'],
        ),
      );
    }
  }
  if (problems.length > 0) return err(problems);
  // A copy, so that later changes to the caller's object cannot alter a validated tally.
  const tally: Round1TallyInput = {
    seats: input.seats,
    validBallots: input.validBallots,
    candidates: input.candidates.map(({ code, votes }) => ({ code, votes })),
  };
  return ok(tally as Round1Tally);
}

/**
 * Cuts a list sorted by votes after `places` entries. When the entries at the cut have equal
 * votes and do not all fit, those above the tie are sure and the tied group is returned with
 * the number of places left for it.
 */
function cut(
  sorted: readonly CandidateVotes[],
  places: number,
): { readonly sure: readonly CandidateVotes[]; readonly tie?: TieAtCut } {
  if (places <= 0) return { sure: [] };
  const last = sorted[places - 1];
  const next = sorted[places];
  if (last === undefined || next === undefined || next.votes !== last.votes)
    return { sure: sorted.slice(0, places) };
  const sure = sorted.filter((entry) => entry.votes > last.votes);
  const tied = sorted.filter((entry) => entry.votes === last.votes);
  return { sure, tie: { candidates: tied, places: places - sure.length } };
}

/**
 * Round-1 winners: over the 20% line (5·votes ≥ valid ballots, exact integers) and within the
 * seats. Everyone with more votes than someone over the line is over it too, so ranking among
 * those over the line is ranking among all candidates.
 */
export function round1Winners(tally: Round1Tally): Round1Outcome {
  const overLine = tally.candidates
    .filter((entry) => 5 * entry.votes >= tally.validBallots)
    .sort(byVotesThenCode);
  const { sure, tie } = cut(overLine, tally.seats);
  return tie === undefined ? { winners: sure } : { winners: sure, tiedAtCut: tie };
}

/**
 * The runoff list, given the declared round-1 winners (`round1Winners`' sure winners plus, if it
 * reported a tie, those the lot chose). The declared winners are checked against the law —
 * each sure winner present, the rest drawn from the tied group and exactly filling its places,
 * nobody else — so a results file cannot slip in a different set. Then R = seats − winners,
 * and the list takes 2R of the others by round-1 votes (all of them if fewer); a tie across
 * that cut is reported, never broken.
 */
export function runoffCandidates(
  tally: Round1Tally,
  declaredWinners: readonly string[],
): Result<RunoffList, readonly Problem[]> {
  const problems = checkDeclaredWinners(tally, declaredWinners);
  if (problems.length > 0) return err(problems);
  const winners = new Set(declaredWinners);
  const remainingSeats = tally.seats - winners.size;
  const others = tally.candidates.filter((entry) => !winners.has(entry.code)).sort(byVotesThenCode);
  const { sure, tie } = cut(others, 2 * remainingSeats);
  return ok(
    tie === undefined
      ? { remainingSeats, candidates: sure }
      : { remainingSeats, candidates: sure, tiedAtCut: tie },
  );
}

function checkDeclaredWinners(tally: Round1Tally, declared: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const outcome = round1Winners(tally);
  const sure = new Set(outcome.winners.map((entry) => entry.code));
  const tied = new Set(outcome.tiedAtCut?.candidates.map((entry) => entry.code) ?? []);
  const seen = new Set<string>();
  let fromTie = 0;
  declared.forEach((candidate, index) => {
    const path = ['winners', index];
    if (seen.has(candidate)) {
      const first = `$.winners[${declared.indexOf(candidate)}]`;
      problems.push(problem('DEFINITION_DUPLICATE_ID', { id: candidate, first }, path));
      return;
    }
    seen.add(candidate);
    if (tied.has(candidate)) fromTie++;
    else if (!sure.has(candidate)) {
      problems.push(
        problem('ROUND1_WINNERS_MISMATCH', { reason: 'not-a-round-1-winner', candidate }, path),
      );
    }
  });
  for (const candidate of sure) {
    if (!seen.has(candidate)) {
      problems.push(
        problem('ROUND1_WINNERS_MISMATCH', { reason: 'round-1-winner-missing', candidate }, [
          'winners',
        ]),
      );
    }
  }
  const places = outcome.tiedAtCut?.places ?? 0;
  if (fromTie !== places) {
    problems.push(
      problem(
        'ROUND1_WINNERS_MISMATCH',
        { reason: 'lot-must-fill-tied-places', places, declared: fromTie },
        ['winners'],
      ),
    );
  }
  return problems;
}

/**
 * Round-2 (plurality) winners: the `seats` candidates with the most votes; a tie for the last
 * seats is reported for the lot (DESIGN §2). Counts must be non-negative integers and codes
 * unique; every problem is reported.
 */
export function pluralityWinners(
  seats: number,
  votes: readonly CandidateVotes[],
): Result<PluralityOutcome, readonly Problem[]> {
  const problems: Problem[] = [];
  checkCount(seats, 1, ['seats'], problems);
  checkCandidates(votes, 'votes', problems);
  if (problems.length > 0) return err(problems);
  const { sure, tie } = cut([...votes].sort(byVotesThenCode), seats);
  return ok(
    tie === undefined
      ? { winners: sure }
      : { winners: sure, tiedAtLastSeat: { candidates: tie.candidates, seatsLeft: tie.places } },
  );
}
