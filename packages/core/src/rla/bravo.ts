import { z } from 'zod';
import { problem } from '../errors.js';
import type { Problem } from '../problem.js';
import { err, ok } from '../result.js';
import type { Result } from '../result.js';
import { problemsFromZod } from '../zodProblems.js';

/**
 * BRAVO ballot-polling audit for a vote-for-up-to-k plurality contest (Lindeman, Stark, Yates,
 * "BRAVO: Ballot-polling Risk-limiting Audits to Verify Outcomes", EVT/WOTE 2012, §3 and §5 for
 * multi-winner contests; docs/RLA.md). Pure arithmetic; the sampler is sampler.ts.
 *
 * For every pair (w, ℓ) of a reported winner and a reported loser, with reported votes v_w, v_ℓ,
 * s_wℓ = v_w / (v_w + v_ℓ). Each sampled paper vote multiplies the pair's statistic T_wℓ by
 *   2·s_wℓ        if it shows w and not ℓ,
 *   2·(1 − s_wℓ)  if it shows ℓ and not w,
 *   1             otherwise (both, neither, blank).
 * T_wℓ is a nonnegative martingale with mean 1 when w and ℓ in fact have equal shares of the
 * ballots showing exactly one of them, so by Ville's inequality P(ever T_wℓ ≥ 1/α) ≤ α when w did
 * not in truth beat ℓ. The reported winners are confirmed when every pair's T ≥ 1/α; the outcome
 * is wrong only if some winner did not beat some loser, and that pair's test alone keeps the
 * chance of confirming it below α — no correction for the number of pairs is needed (§5).
 * The measured risk of a pair is min(1, 1/T). Statistics are kept as natural logarithms.
 */

export const rlaParameters = z.strictObject({
  /** The risk limit the board chose: the largest chance of confirming a wrong outcome. */
  riskLimit: z.number().gt(0).max(0.5),
  /** Rounds before the board goes to a full hand count. */
  maxRounds: z.int().min(1).max(20).default(5),
  /** Once the sample would exceed this fraction of the ballots, count everything by hand. */
  fullHandCountFraction: z.number().gt(0).max(1).default(0.25),
  /** A round is this many times the expected need, so that most audits end in one round. */
  roundGrowth: z.number().min(1).max(4).default(1.5),
});
export type RlaParameters = z.infer<typeof rlaParameters>;

/** The electronic result the paper is checked against. */
export interface ReportedContest {
  readonly ballotsCast: number;
  readonly votes: readonly { readonly code: string; readonly votes: number }[];
  readonly winners: readonly string[];
}

export interface AuditPair {
  readonly winner: string;
  readonly loser: string;
  /** s_wℓ. */
  readonly share: number;
  /** Expected growth of ln T per sampled ballot if the report is right (a lower bound, §docs). */
  readonly drift: number;
}

/**
 * What a sampled paper shows: the candidate codes marked ([] for a blank vote), or `null` when
 * the paper is not found at its position — counted, conservatively, as showing every loser and
 * no winner (it can only lower each T).
 */
export type PaperVote = readonly string[] | null;

export interface PairStatus {
  readonly winner: string;
  readonly loser: string;
  readonly logStatistic: number;
  /** min(1, 1/T). */
  readonly risk: number;
  readonly confirmed: boolean;
}

export type AuditDecision =
  | { readonly kind: 'stop' }
  | { readonly kind: 'another-round'; readonly additionalDraws: number }
  | {
      readonly kind: 'full-hand-count';
      readonly reason: 'no-margin' | 'sample-cap' | 'max-rounds';
    };

export interface AuditPlan {
  readonly parameters: RlaParameters;
  readonly ballotsCast: number;
  readonly pairs: readonly AuditPair[];
  /** The first round's draws; the estimate of docs/RLA.md §Sample size. */
  readonly initialSampleSize: number;
  readonly initialDecision: AuditDecision;
}

/**
 * ln T grows per ballot, in expectation under the report, by
 *   p_w·ln(2s) + p_ℓ·ln(2(1 − s)),  p = reported votes / ballots cast,
 * which undercounts the true drift by c·ln(4s(1 − s)) ≥ 0 (c the share showing both), so the
 * sample size below errs on the large side.
 */
function drift(share: number, pWinner: number, pLoser: number): number {
  const term = (p: number, factor: number): number => (p > 0 ? p * Math.log(factor) : 0);
  return term(pWinner, 2 * share) + term(pLoser, 2 * (1 - share));
}

export function auditPairs(reported: ReportedContest): AuditPair[] {
  const winners = new Set(reported.winners);
  const votes = new Map(reported.votes.map((v) => [v.code, v.votes]));
  const n = reported.ballotsCast;
  const pairs: AuditPair[] = [];
  for (const winner of reported.winners) {
    const vw = votes.get(winner) ?? 0;
    for (const { code: loser, votes: vl } of reported.votes) {
      if (winners.has(loser)) continue;
      const share = vw + vl === 0 ? 0.5 : vw / (vw + vl);
      pairs.push({ winner, loser, share, drift: drift(share, vw / n, vl / n) });
    }
  }
  return pairs;
}

/** Draws a pair needs to reach 1/α from `logStatistic`, in expectation; ∞ without a margin. */
function drawsNeeded(pair: AuditPair, logStatistic: number, riskLimit: number): number {
  const remaining = Math.log(1 / riskLimit) - logStatistic;
  if (remaining <= 0) return 0;
  return pair.drift > 0 ? remaining / pair.drift : Number.POSITIVE_INFINITY;
}

function decide(
  parameters: RlaParameters,
  ballotsCast: number,
  pairs: readonly AuditPair[],
  logStatistics: readonly number[],
  drawn: number,
  roundsDone: number,
): AuditDecision {
  const needs = pairs.map((p, i) => drawsNeeded(p, logStatistics[i] ?? 0, parameters.riskLimit));
  const most = Math.max(0, ...needs);
  if (most === 0) return { kind: 'stop' };
  if (!Number.isFinite(most)) return { kind: 'full-hand-count', reason: 'no-margin' };
  if (roundsDone >= parameters.maxRounds) return { kind: 'full-hand-count', reason: 'max-rounds' };
  const additionalDraws = Math.ceil(parameters.roundGrowth * most);
  if (drawn + additionalDraws > parameters.fullHandCountFraction * ballotsCast)
    return { kind: 'full-hand-count', reason: 'sample-cap' };
  return { kind: 'another-round', additionalDraws };
}

/** Plans the audit: every pair, the first round's size, or a hand count straight away. */
export function planAudit(
  parametersInput: unknown,
  reported: ReportedContest,
): Result<AuditPlan, readonly Problem[]> {
  const parsed = rlaParameters.safeParse(parametersInput, { reportInput: true });
  if (!parsed.success) return err(problemsFromZod(parsed.error));
  const parameters = parsed.data;
  const codes = new Set(reported.votes.map((v) => v.code));
  if (reported.ballotsCast <= 0 || reported.winners.length === 0)
    return err([problem('RLA_PARAMETERS_INVALID', { reason: 'no ballots or no winners' })]);
  if (reported.winners.some((w) => !codes.has(w)) || codes.size === reported.winners.length)
    return err([
      problem('RLA_PARAMETERS_INVALID', { reason: 'winners must be some of the candidates' }),
    ]);
  const pairs = auditPairs(reported);
  const decision = decide(
    parameters,
    reported.ballotsCast,
    pairs,
    pairs.map(() => 0),
    0,
    0,
  );
  return ok({
    parameters,
    ballotsCast: reported.ballotsCast,
    pairs,
    initialSampleSize: decision.kind === 'another-round' ? decision.additionalDraws : 0,
    initialDecision: decision,
  });
}

/** T_wℓ of every pair over the paper votes drawn so far (one entry per draw). */
export function pairStatistics(plan: AuditPlan, votes: readonly PaperVote[]): PairStatus[] {
  const threshold = Math.log(1 / plan.parameters.riskLimit);
  const marked = votes.map((v) => (v === null ? null : new Set(v)));
  return plan.pairs.map((pair) => {
    const up = Math.log(2 * pair.share);
    const down = Math.log(2 * (1 - pair.share));
    let log = 0;
    for (const m of marked) {
      const w = m !== null && m.has(pair.winner);
      const l = m === null || m.has(pair.loser);
      if (w && !l) log += up;
      else if (l && !w) log += down;
    }
    return {
      winner: pair.winner,
      loser: pair.loser,
      logStatistic: log,
      risk: Math.min(1, Math.exp(-log)),
      confirmed: log >= threshold,
    };
  });
}

export interface RoundOutcome {
  readonly drawn: number;
  readonly pairs: readonly PairStatus[];
  /** The largest risk over the pairs: the audit's measured risk. */
  readonly risk: number;
  readonly decision: AuditDecision;
}

/** After a round: the measured risk of every pair and the decision for the next step. */
export function evaluateRound(
  plan: AuditPlan,
  votes: readonly PaperVote[],
  roundsDone: number,
): RoundOutcome {
  const pairs = pairStatistics(plan, votes);
  const decision = decide(
    plan.parameters,
    plan.ballotsCast,
    plan.pairs,
    pairs.map((p) => p.logStatistic),
    votes.length,
    roundsDone,
  );
  return {
    drawn: votes.length,
    pairs,
    risk: Math.max(0, ...pairs.map((p) => p.risk)),
    decision,
  };
}
