import type { Kysely } from 'kysely';
import { err, ok, problem, type Problem, type Result } from '@sandogh/core';
import type { Database } from '../database.js';
import { stationDb } from './tables.js';

/**
 * Ballot intake at HQ (laws 2 and 3, issue 5): a batch of encrypted ballots from a voting
 * device is applied exactly once. The message id is the idempotency key — a retry, which is
 * the very same signed message, is answered "accepted again" without effect — and each ballot
 * is keyed by its tracking code, so a ballot that arrives twice by two roads (a retry with a
 * new id, a device-swap file) is stored once. Both guarantees are primary keys written with
 * `on conflict do nothing`, so they hold whatever the concurrency.
 *
 * Law 2: ballots are inserted in tracking-code order (a hash, unrelated to the order of
 * casting), carry the day only, and their rows name neither the message nor the device.
 */

export interface IncomingBallot {
  readonly trackingCode: string;
  /** The EncryptedBallot as RFC 8785 canonical JSON. */
  readonly document: string;
}

export interface BallotBatch {
  readonly electionId: string;
  readonly messageId: string;
  /** SHA-256 of the signed message's canonical JSON. */
  readonly digest: string;
  readonly deviceSerial: string;
  readonly branchId: string;
  readonly day: string;
  readonly kind: string;
  readonly ballots: readonly IncomingBallot[];
}

export interface BatchOutcome {
  /** `duplicate`: this message was applied before; nothing changed now. */
  readonly outcome: 'applied' | 'duplicate';
  /** Ballots of the batch stored by this call. */
  readonly stored: number;
  /** Ballots of the batch HQ already held (by tracking code). */
  readonly again: number;
}

/** Applies one batch inside the caller's transaction (so its audit entry commits with it). */
export async function applyBallotBatch(
  trx: Kysely<Database>,
  batch: BallotBatch,
): Promise<Result<BatchOutcome, Problem>> {
  const db = stationDb(trx);
  const claimed = await db
    .insertInto('device_messages')
    .values({
      election_id: batch.electionId,
      message_id: batch.messageId,
      device_serial: batch.deviceSerial,
      branch_id: batch.branchId,
      kind: batch.kind,
      digest: batch.digest,
      day: batch.day,
      ballot_count: batch.ballots.length,
    })
    .onConflict((oc) => oc.columns(['election_id', 'message_id']).doNothing())
    .executeTakeFirst();
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) === 0) {
    const earlier = await db
      .selectFrom('device_messages')
      .select(['digest', 'ballot_count'])
      .where('election_id', '=', batch.electionId)
      .where('message_id', '=', batch.messageId)
      .executeTakeFirst();
    if (earlier?.digest !== batch.digest) return err(problem('BALLOTS_MESSAGE_REUSED'));
    return ok({ outcome: 'duplicate', stored: 0, again: earlier.ballot_count });
  }
  const stored = await storeBallots(
    trx,
    batch.electionId,
    batch.branchId,
    batch.day,
    batch.ballots,
  );
  return ok({ outcome: 'applied', stored, again: batch.ballots.length - stored });
}

/** Stores ballots by tracking code, each at most once; returns how many were new. */
export async function storeBallots(
  trx: Kysely<Database>,
  electionId: string,
  branchId: string,
  day: string,
  ballots: readonly IncomingBallot[],
): Promise<number> {
  const db = stationDb(trx);
  if (ballots.length === 0) return 0;
  const sorted = [...ballots].sort((a, b) => (a.trackingCode < b.trackingCode ? -1 : 1));
  // One multi-row statement (rows written in the order given); RETURNING names only the rows
  // this call inserted, so `again` counts the ballots HQ already held.
  const inserted = await db
    .insertInto('ballots')
    .values(
      sorted.map((ballot) => ({
        election_id: electionId,
        tracking_code: ballot.trackingCode,
        branch_id: branchId,
        day,
        document: ballot.document,
      })),
    )
    .onConflict((oc) => oc.columns(['election_id', 'tracking_code']).doNothing())
    .returning('tracking_code')
    .execute();
  return inserted.length;
}

/** A branch's ballots' tracking codes, in code order (what its Merkle tree is built from). */
export async function branchTrackingCodes(
  db: Kysely<Database>,
  electionId: string,
  branchId: string,
): Promise<string[]> {
  const rows = await stationDb(db)
    .selectFrom('ballots')
    .select('tracking_code')
    .where('election_id', '=', electionId)
    .where('branch_id', '=', branchId)
    .orderBy('tracking_code')
    .execute();
  return rows.map((r) => r.tracking_code);
}

export async function countBallots(
  db: Kysely<Database>,
  electionId: string,
  branchId?: string,
): Promise<number> {
  let q = stationDb(db)
    .selectFrom('ballots')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('election_id', '=', electionId);
  if (branchId !== undefined) q = q.where('branch_id', '=', branchId);
  const row = await q.executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Law 2 at rest: rewrites a branch's ballots in tracking-code order, in the caller's
 * transaction (the tally report's). PostgreSQL's heap keeps rows in the order they were
 * inserted, so until now a raw read (`ctid`, a page dump, a base backup) shows the order in
 * which the station's batches arrived; after this the live rows of the branch sit in
 * tracking-code order, a hash that says nothing about casting. The deleted versions are dead
 * tuples until VACUUM reclaims their space (docs/SECURITY.md §11, residual risk). On SQLite the
 * table is WITHOUT ROWID, already in key order; the same statements run there too.
 */
export async function reshelveBranchBallots(
  trx: Kysely<Database>,
  electionId: string,
  branchId: string,
): Promise<number> {
  const db = stationDb(trx);
  const rows = await db
    .selectFrom('ballots')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('branch_id', '=', branchId)
    .orderBy('tracking_code')
    .execute();
  if (rows.length === 0) return 0;
  await db
    .deleteFrom('ballots')
    .where('election_id', '=', electionId)
    .where('branch_id', '=', branchId)
    .execute();
  // Ordered chunks: each multi-row INSERT writes its rows in the order given.
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('ballots')
      .values(rows.slice(i, i + 200))
      .execute();
  return rows.length;
}
