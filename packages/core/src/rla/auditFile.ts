import { z } from 'zod';

/**
 * The audit's file, as the CLI reads it (docs/RLA.md §Files): its parameters, the reported
 * result, the ballot manifest, the draws of each round so far and the double entries. Anyone
 * with the same file gets the same sample, the same measured risk and the same decision.
 */

const code = z.string().regex(/^[0-9]{1,12}$/);

export const reportedContestFile = z.strictObject({
  ballotsCast: z.int().min(1),
  votes: z
    .array(z.strictObject({ code, votes: z.int().min(0) }))
    .min(2)
    .max(1_000),
  winners: z.array(code).min(1).max(1_000),
  maxSelections: z.int().min(1).max(1_000).default(16),
});

export const rlaAuditFile = z.strictObject({
  riskLimit: z.number(),
  seed: z.string(),
  reported: reportedContestFile,
  manifest: z.unknown(),
  /** Draws of each round so far, in order. */
  rounds: z.array(z.int().min(1)).min(1).max(20),
  entries: z.strictObject({
    first: z.array(z.unknown()),
    second: z.array(z.unknown()),
    third: z.array(z.unknown()).default([]),
  }),
});

export type ReportedContestFile = z.infer<typeof reportedContestFile>;
export type RlaAuditFile = z.infer<typeof rlaAuditFile>;
