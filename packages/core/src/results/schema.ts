import { z } from 'zod';

/**
 * Inputs of the result computation (issue 7). A branch's count is what the board's threshold
 * decryption of that branch's encrypted totals gave (docs/CRYPTO.md §9: `counts`, in manifest
 * order, here keyed by candidate code), with the branch's blank ballots and ballots cast.
 */
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const digits = z.string().regex(/^[0-9]{1,12}$/);
const count = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

export const candidateCount = z.strictObject({ code: digits, votes: count });

export const branchCount = z.strictObject({
  branchId: id,
  /** One entry per candidate of the contest, each exactly once. */
  votes: z.array(candidateCount).max(1_000),
  /** Ballots cast for no one (zero choices, DESIGN §2). */
  blankBallots: count,
  /** Every counted ballot of the branch, blank ones included. */
  ballotsCast: count,
});

export const resultsInput = z.strictObject({
  branchCounts: z.array(branchCount).max(100_000),
  /** The size of the voter registry for this constituency: the turnout's denominator. */
  registeredVoters: count,
  /** Branches whose reconciliation (law 5) still has an open flag. */
  unreconciledBranches: z.array(id).max(100_000),
});

export type CandidateCount = z.infer<typeof candidateCount>;
export type BranchCount = z.infer<typeof branchCount>;
export type ResultsInput = z.infer<typeof resultsInput>;

/**
 * The part of the election definition the result needs; an `ElectionDefinition` is one. Kept
 * structural so that tests and the CLI can pass a small geography.
 */
export interface ResultsGeography {
  readonly election: { readonly id: string };
  readonly constituency: {
    readonly id: string;
    readonly seats: number;
  };
  readonly contest: { readonly id: string; readonly maxSelections: number };
  readonly candidates: readonly { readonly code: string }[];
  readonly zoneHqs: readonly { readonly id: string }[];
  readonly zones: readonly { readonly id: string }[];
  readonly branches: readonly {
    readonly id: string;
    readonly zoneId: string;
    readonly zoneHqId: string;
  }[];
}
