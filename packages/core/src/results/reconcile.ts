import { z } from 'zod';
import { problem } from '../errors.js';
import type { ProblemCode } from '../errors.js';
import type { Problem } from '../problem.js';
import { err, ok } from '../result.js';
import type { Result } from '../result.js';
import { problemsFromZod } from '../zodProblems.js';

/**
 * Reconciliation of a branch (law 5, issue 7; docs/RESULTS.md §Reconciliation). Each rule has
 * one stable code; a mismatch becomes a flagged item carrying the numbers that disagree, and
 * the branch stays unreconciled — blocking a final result — until a supervisor records a
 * decision on every flag.
 *
 * Definitions (one branch, the whole day):
 * - authenticated: voters checked in at the branch (the poll book's marks, online and offline);
 * - cast: ballots the voting device cast, provisional ones included;
 * - abandoned: ballot cards activated and never used for a cast (voter left, card cancelled);
 * - provisional.cast: ballots cast under the offline rule (law 1), held sealed; of these,
 *   confirmed (the voter had not voted elsewhere) and excluded (rejected, never decrypted);
 *   pending = provisional.cast − confirmed − excluded, not yet decided;
 * - receivedAtHq: ballots of the branch in HQ's count: the regular ones and the confirmed
 *   provisional ones;
 * - the tally report: the counts the branch's closing report (signed by the device and the
 *   trustees) states;
 * - decryptedBallotCount: the ballot count of the branch's decrypted total, once decrypted.
 */

const count = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

export const branchReconciliationInput = z.strictObject({
  branchId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
  authenticated: count,
  cast: count,
  abandoned: count,
  provisional: z.strictObject({ cast: count, confirmed: count, excluded: count }),
  receivedAtHq: count,
  /** Receipts (tracking-code slips) the device printed for cast ballots, when known. */
  receiptsPrinted: count.optional(),
  tallyReport: z.strictObject({ authenticated: count, cast: count, abandoned: count }).nullable(),
  decryptedBallotCount: count.optional(),
});

export type BranchReconciliationInput = z.infer<typeof branchReconciliationInput>;

/** The rules' codes, in the order they are checked. */
export const reconciliationCodes = [
  'RECONCILE_AUTHENTICATED',
  'RECONCILE_PROVISIONAL_SPLIT',
  'RECONCILE_PROVISIONAL_UNDECIDED',
  'RECONCILE_RECEIVED',
  'RECONCILE_TALLY_REPORT_MISSING',
  'RECONCILE_TALLY_REPORT',
  'RECONCILE_RECEIPTS',
  'RECONCILE_DECRYPTED',
] as const satisfies readonly ProblemCode[];
export type ReconciliationCode = (typeof reconciliationCodes)[number];

export interface BranchReconciliation {
  readonly branchId: string;
  /** Flagged items, each a catalogued problem whose details hold the numbers. */
  readonly flags: readonly Problem[];
}

/** The rules of law 5 for one branch, already parsed. */
export function reconcileBranch(input: BranchReconciliationInput): BranchReconciliation {
  const branch = input.branchId;
  const flags: Problem[] = [];
  const flag = (code: ReconciliationCode, numbers: Record<string, number | string>): void => {
    flags.push(problem(code, { branch, ...numbers }));
  };
  const { authenticated, cast, abandoned } = input;
  if (authenticated !== cast + abandoned)
    flag('RECONCILE_AUTHENTICATED', { authenticated, cast, abandoned });

  const { confirmed, excluded } = input.provisional;
  const pending = input.provisional.cast - confirmed - excluded;
  if (pending < 0 || input.provisional.cast > cast) {
    flag('RECONCILE_PROVISIONAL_SPLIT', {
      provisional: input.provisional.cast,
      confirmed,
      excluded,
      pending: Math.max(pending, 0),
      cast,
    });
  } else {
    if (pending > 0) flag('RECONCILE_PROVISIONAL_UNDECIDED', { pending });
    // Excluded provisional ballots never reach the count; undecided ones are held apart.
    const expected = cast - excluded - pending;
    if (input.receivedAtHq !== expected)
      flag('RECONCILE_RECEIVED', {
        received: input.receivedAtHq,
        expected,
        cast,
        excluded,
        pending,
      });
  }

  const report = input.tallyReport;
  if (report === null) flag('RECONCILE_TALLY_REPORT_MISSING', {});
  else
    for (const field of ['authenticated', 'cast', 'abandoned'] as const)
      if (report[field] !== input[field])
        flag('RECONCILE_TALLY_REPORT', { field, reported: report[field], expected: input[field] });

  if (input.receiptsPrinted !== undefined && input.receiptsPrinted !== cast)
    flag('RECONCILE_RECEIPTS', { receipts: input.receiptsPrinted, cast });
  if (input.decryptedBallotCount !== undefined && input.decryptedBallotCount !== input.receivedAtHq)
    flag('RECONCILE_DECRYPTED', {
      decrypted: input.decryptedBallotCount,
      received: input.receivedAtHq,
    });
  return { branchId: branch, flags };
}

/** A supervisor's decision on one flagged item (it unblocks the branch, it does not hide it). */
export interface FlagDecision {
  readonly branchId: string;
  readonly code: ReconciliationCode;
  /** The rule's field, for RECONCILE_TALLY_REPORT; absent otherwise. */
  readonly field?: string;
  /** One of flags.ts `flagDecisionKinds` (the store's CHECK list is the same). */
  readonly decision: 'explained' | 'recount-ordered' | 'excluded-by-board';
  readonly reason: string;
  readonly decidedBy: string;
}

function decides(d: FlagDecision, branch: string, flag: Problem): boolean {
  const field = flag.details?.['field'];
  return d.branchId === branch && d.code === flag.code && (d.field ?? undefined) === field;
}

export interface ReconciliationReport {
  readonly branches: readonly BranchReconciliation[];
  /** Branches with a flag no supervisor has decided on: they block a final result. */
  readonly unreconciled: readonly string[];
}

/** Reconciles every branch; the input is checked as a whole first (law 8). */
export function reconcileBranches(
  input: unknown,
  decisions: readonly FlagDecision[] = [],
): Result<ReconciliationReport, readonly Problem[]> {
  const parsed = z.array(branchReconciliationInput).max(100_000).safeParse(input, {
    reportInput: true,
  });
  if (!parsed.success) return err(problemsFromZod(parsed.error));
  const branches = parsed.data.map(reconcileBranch);
  const unreconciled = branches
    .filter((b) => b.flags.some((f) => !decisions.some((d) => decides(d, b.branchId, f))))
    .map((b) => b.branchId);
  return ok({ branches, unreconciled });
}
