import { problem } from '../errors.js';
import type { Problem } from '../problem.js';
import { err, ok } from '../result.js';
import type { Result } from '../result.js';
import { pluralityWinners } from '../rounds.js';
import type { CandidateVotes, PluralityOutcome } from '../rounds.js';
import { problemsFromZod } from '../zodProblems.js';
import type { BranchCount, ResultsGeography, ResultsInput } from './schema.js';
import { resultsInput } from './schema.js';

/**
 * The result of the contest (issue 7, DESIGN §2 "Counting"): totals per branch, per zone HQ,
 * per governor's-representative zone and for the constituency; turnout against the registry;
 * the winners by plurality. A tie across the last seat is reported, never broken: the boards
 * settle it by lot (lot.ts) and the lot's winners come back through `declareWinners`.
 */

/**
 * partial: some branches have not reported; provisional: all have, some not yet reconciled
 * (law 5); final: every branch reconciled; certified: signed by the supervisory board
 * (versions.ts). The order is the order in which a result may advance.
 */
export const resultStates = ['partial', 'provisional', 'final', 'certified'] as const;
export type ResultState = (typeof resultStates)[number];

export interface Totals {
  readonly ballotsCast: number;
  readonly blankBallots: number;
  /** Every candidate, in the definition's order, zero votes included. */
  readonly votes: readonly CandidateVotes[];
  readonly branchesReported: number;
  readonly branchesTotal: number;
}

export interface AreaTotals extends Totals {
  readonly id: string;
}

export interface BranchTotals extends Totals {
  readonly id: string;
  readonly zoneId: string;
  readonly zoneHqId: string;
  readonly reported: boolean;
}

export interface Turnout {
  readonly ballotsCast: number;
  readonly registeredVoters: number;
  /** Hundredths of a percent, rounded half up: exact integers, the same everywhere. */
  readonly basisPoints: number;
}

export interface ElectionResults {
  readonly electionId: string;
  readonly contestId: string;
  readonly seats: number;
  /** 'partial' | 'provisional' | 'final': certification is a version's act, not a count's. */
  readonly state: Exclude<ResultState, 'certified'>;
  readonly constituency: AreaTotals;
  readonly zoneHqs: readonly AreaTotals[];
  readonly zones: readonly AreaTotals[];
  readonly branches: readonly BranchTotals[];
  readonly turnout: Turnout;
  readonly outcome: PluralityOutcome;
}

/** Rounds half up in integers: 10,000 × cast ÷ registered. Zero registry gives zero. */
export function turnoutBasisPoints(cast: number, registered: number): number {
  if (registered <= 0) return 0;
  return Math.floor((20_000 * cast + registered) / (2 * registered));
}

function checkBranchCount(
  count: BranchCount,
  index: number,
  codes: readonly string[],
  maxSelections: number,
): Problem[] {
  const problems: Problem[] = [];
  const at = ['branchCounts', index];
  const given = count.votes.map((entry) => entry.code);
  const missing = codes.filter((code) => !given.includes(code));
  const extra = given.filter((code, i) => !codes.includes(code) || given.indexOf(code) !== i);
  if (missing.length > 0 || extra.length > 0) {
    const reason = `missing [${missing.join(', ')}], unexpected or repeated [${extra.join(', ')}]`;
    problems.push(
      problem('RESULTS_CANDIDATES_MISMATCH', { branch: count.branchId, reason }, [...at, 'votes']),
    );
  }
  const impossible = (reason: string): void => {
    problems.push(problem('RESULTS_COUNTS_IMPOSSIBLE', { branch: count.branchId, reason }, at));
  };
  const marked = count.ballotsCast - count.blankBallots;
  if (marked < 0) {
    impossible('more blank ballots than ballots cast');
    return problems;
  }
  const sum = count.votes.reduce((total, entry) => total + entry.votes, 0);
  // A marked ballot names 1..maxSelections candidates, each at most once (DESIGN §2).
  if (count.votes.some((entry) => entry.votes > marked))
    impossible('a candidate has more votes than marked ballots');
  if (sum > maxSelections * marked) impossible('more votes than marked ballots allow');
  if (marked > 0 && sum < marked) impossible('fewer votes than marked ballots');
  if (marked === 0 && sum > 0) impossible('votes without a marked ballot');
  return problems;
}

function emptyTotals(codes: readonly string[], branchesTotal: number): Totals {
  return {
    ballotsCast: 0,
    blankBallots: 0,
    votes: codes.map((code) => ({ code, votes: 0 })),
    branchesReported: 0,
    branchesTotal,
  };
}

function add(into: Totals, count: BranchCount | undefined): Totals {
  if (count === undefined) return into;
  const byCode = new Map(count.votes.map((entry) => [entry.code, entry.votes]));
  return {
    ballotsCast: into.ballotsCast + count.ballotsCast,
    blankBallots: into.blankBallots + count.blankBallots,
    votes: into.votes.map((entry) => ({
      code: entry.code,
      votes: entry.votes + (byCode.get(entry.code) ?? 0),
    })),
    branchesReported: into.branchesReported + 1,
    branchesTotal: into.branchesTotal,
  };
}

function areaTotals(
  ids: readonly string[],
  geography: ResultsGeography,
  counts: ReadonlyMap<string, BranchCount>,
  areaOf: (branch: ResultsGeography['branches'][number]) => string,
): AreaTotals[] {
  const codes = geography.candidates.map((c) => c.code);
  return ids.map((id) => {
    const inArea = geography.branches.filter((b) => areaOf(b) === id);
    const totals = inArea.reduce(
      (sum, b) => add(sum, counts.get(b.id)),
      emptyTotals(codes, inArea.length),
    );
    return { id, ...totals };
  });
}

/**
 * Computes the whole result from the branches' decrypted counts. Every problem in the input is
 * reported at once (law 8); a count for a branch outside the definition, a count given twice, a
 * count whose candidates differ from the contest's, or one no set of ballots could produce is
 * refused.
 */
export function computeResults(
  geography: ResultsGeography,
  input: unknown,
): Result<ElectionResults, readonly Problem[]> {
  const parsed = resultsInput.safeParse(input, { reportInput: true });
  if (!parsed.success) return err(problemsFromZod(parsed.error));
  const data: ResultsInput = parsed.data;
  const codes = geography.candidates.map((c) => c.code);
  const known = new Set(geography.branches.map((b) => b.id));
  const counts = new Map<string, BranchCount>();
  const problems: Problem[] = [];
  data.branchCounts.forEach((count, index) => {
    if (!known.has(count.branchId))
      problems.push(
        problem('RESULTS_UNKNOWN_BRANCH', { branch: count.branchId }, [
          'branchCounts',
          index,
          'branchId',
        ]),
      );
    else if (counts.has(count.branchId))
      problems.push(
        problem('RESULTS_DUPLICATE_BRANCH', { branch: count.branchId }, [
          'branchCounts',
          index,
          'branchId',
        ]),
      );
    problems.push(...checkBranchCount(count, index, codes, geography.contest.maxSelections));
    counts.set(count.branchId, count);
  });
  data.unreconciledBranches.forEach((branch, index) => {
    if (!known.has(branch))
      problems.push(problem('RESULTS_UNKNOWN_BRANCH', { branch }, ['unreconciledBranches', index]));
  });
  if (problems.length > 0) return err(problems);

  const branches: BranchTotals[] = geography.branches.map((b) => ({
    id: b.id,
    zoneId: b.zoneId,
    zoneHqId: b.zoneHqId,
    reported: counts.has(b.id),
    ...add(emptyTotals(codes, 1), counts.get(b.id)),
  }));
  const everything = areaTotals([geography.constituency.id], geography, counts, () => {
    return geography.constituency.id;
  });
  const constituency = everything[0] ?? { id: geography.constituency.id, ...emptyTotals(codes, 0) };
  const outcome = pluralityWinners(geography.constituency.seats, constituency.votes);
  // The inputs were checked above; a refusal here would be a programmer error.
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
  const allIn = counts.size === geography.branches.length;
  const state = !allIn ? 'partial' : data.unreconciledBranches.length > 0 ? 'provisional' : 'final';
  return ok({
    electionId: geography.election.id,
    contestId: geography.contest.id,
    seats: geography.constituency.seats,
    state,
    constituency,
    zoneHqs: areaTotals(
      geography.zoneHqs.map((z) => z.id),
      geography,
      counts,
      (b) => b.zoneHqId,
    ),
    zones: areaTotals(
      geography.zones.map((z) => z.id),
      geography,
      counts,
      (b) => b.zoneId,
    ),
    branches,
    turnout: {
      ballotsCast: constituency.ballotsCast,
      registeredVoters: data.registeredVoters,
      basisPoints: turnoutBasisPoints(constituency.ballotsCast, data.registeredVoters),
    },
    outcome: outcome.value,
  });
}

/**
 * The declared winners: the sure winners, plus the lot's choice when there was a tie at the
 * last seat (lot.ts). Refuses a lot result that is not exactly `seatsLeft` of the tied group.
 */
export function declareWinners(
  outcome: PluralityOutcome,
  lotWinners: readonly string[] = [],
): Result<readonly string[], Problem> {
  const sure = outcome.winners.map((w) => w.code);
  const tie = outcome.tiedAtLastSeat;
  if (tie === undefined) {
    if (lotWinners.length > 0) return err(problem('LOT_NO_TIE'));
    return ok(sure);
  }
  const tied = new Set(tie.candidates.map((c) => c.code));
  const distinct = new Set(lotWinners);
  if (
    distinct.size !== lotWinners.length ||
    lotWinners.length !== tie.seatsLeft ||
    lotWinners.some((code) => !tied.has(code))
  ) {
    return err(
      problem('LOT_TIE_INVALID', {
        reason: `the lot must choose ${tie.seatsLeft} distinct candidates of the tied group`,
      }),
    );
  }
  return ok([...sure, ...lotWinners]);
}
