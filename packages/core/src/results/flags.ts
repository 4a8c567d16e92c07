import { z } from 'zod';
import type { Problem } from '../problem.js';
import type { FlagDecision, ReconciliationCode, ReconciliationReport } from './reconcile.js';
import { reconciliationCodes } from './reconcile.js';

/**
 * Reconciliation flags as the HQ lists them to supervisors (law 5, docs/RESULTS.md §3): each
 * flagged item with its numbers and the decisions recorded on it, oldest first. A decision of
 * any kind unblocks the flag (the branch may then be certified); it never removes the flag,
 * and a later decision is a new entry beside the earlier ones.
 */

/** What a supervisor may decide on a flag (the store's CHECK list is the same). */
export const flagDecisionKinds = ['explained', 'recount-ordered', 'excluded-by-board'] as const;
export const flagDecisionKind = z.enum(flagDecisionKinds);
export type FlagDecisionKind = z.infer<typeof flagDecisionKind>;

export const reconciliationCode = z.enum(reconciliationCodes);

/** A decision as stored: the core decision plus its place in the flag's history. */
export interface RecordedFlagDecision extends FlagDecision {
  readonly sequence: number;
  readonly decidedAt: string;
  /** The flag's numbers when the decision was taken. */
  readonly numbers: Readonly<Record<string, unknown>>;
}

export interface FlagItem {
  readonly branchId: string;
  readonly code: ReconciliationCode;
  /** The rule's field, for RECONCILE_TALLY_REPORT; absent otherwise. */
  readonly field?: string;
  readonly numbers: Readonly<Record<string, unknown>>;
  readonly message: Problem['message'];
  readonly decisions: readonly RecordedFlagDecision[];
  readonly decided: boolean;
}

/** The field naming one flag among a rule's several (only RECONCILE_TALLY_REPORT has them). */
export function flagField(flag: Problem): string | undefined {
  const field = flag.details?.['field'];
  return typeof field === 'string' ? field : undefined;
}

/** Every flag of the report with its decisions; branches in report order, flags in rule order. */
export function flagItems(
  report: ReconciliationReport,
  decisions: readonly RecordedFlagDecision[],
): FlagItem[] {
  const items: FlagItem[] = [];
  for (const branch of report.branches)
    for (const flag of branch.flags) {
      const field = flagField(flag);
      const own = decisions
        .filter(
          (d) =>
            d.branchId === branch.branchId &&
            d.code === flag.code &&
            (d.field ?? undefined) === field,
        )
        .sort((a, b) => a.sequence - b.sequence);
      items.push({
        branchId: branch.branchId,
        code: flag.code as ReconciliationCode,
        ...(field !== undefined ? { field } : {}),
        numbers: flag.details ?? {},
        message: flag.message,
        decisions: own,
        decided: own.length > 0,
      });
    }
  return items;
}

/** Branches with a flag that no supervisor has decided on, each once, in report order. */
export function undecidedBranches(items: readonly FlagItem[]): string[] {
  return [...new Set(items.filter((i) => !i.decided).map((i) => i.branchId))];
}
