import { z } from 'zod';
import { signedDeviceMessageOf } from '@sandogh/core';

/**
 * The ballot batch a voting device sends (issue 5, docs/STATION.md "Messages"): a signed
 * device message of kind `ballots.submit` whose body names the configuration package the
 * station runs and carries encrypted ballots in the crypto package's format
 * (docs/CRYPTO.md §7.1). Shapes only: the group elements are decoded by the intake's checks.
 */
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits');

const bitProof = z.strictObject({ c0: hex64, c1: hex64, v0: hex64, v1: hex64 });
const encryptedSelection = z.strictObject({ alpha: hex64, beta: hex64, proof: bitProof });

export const encryptedBallotSchema = z.strictObject({
  electionHash: hex64,
  branchId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  selections: z.array(encryptedSelection).min(1).max(1024),
  limit: z.array(encryptedSelection).min(1).max(11),
});

/** At most this many ballots in one message: a station's outbox sends smaller batches. */
export const MAX_BATCH = 200;

export const ballotBatchBody = z.strictObject({
  /** The full hash of the configuration package the station runs (core configPackage.ts). */
  package: hex64,
  batch: z.array(encryptedBallotSchema).min(1).max(MAX_BATCH),
});
export type BallotBatchBody = z.infer<typeof ballotBatchBody>;

export const signedBallotBatch = signedDeviceMessageOf(ballotBatchBody);

/** A failed voting device's ballots, exported to a file and imported at HQ (device swap). */
export const swapFileSchema = z.strictObject({
  format: z.literal('sandogh/device-ballots/1'),
  /** One or more signed batches exactly as the device made them for its outbox. */
  messages: z.array(signedBallotBatch).min(1).max(100_000),
});
