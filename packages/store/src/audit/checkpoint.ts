import type { Kysely } from 'kysely';
import {
  auditCheckpointMessage,
  isAuditCheckpointReason,
  prepareAuditEntry,
  type AuditActor,
  type AuditCheckpointPayload,
  type AuditCheckpointReason,
} from '@sandogh/core';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { appendBuilt, chainEntries } from './append.js';
import type { HqSigningKey } from './hqKey.js';
import { auditDb, type AuditCheckpointTable, type AuditDb } from './tables.js';

export interface AuditCheckpoint extends AuditCheckpointPayload {
  /** Raw Ed25519 public key of the signer, base64. */
  readonly publicKey: string;
  /** Ed25519 signature over `auditCheckpointMessage`, base64. */
  readonly signature: string;
}

export interface SignCheckpointOptions {
  /** Sign only if entries were added since the latest checkpoint (the periodic timer). */
  readonly onlyIfChanged?: boolean;
  /** Who asked; HQ itself by default. */
  readonly actor?: AuditActor;
  readonly electionId?: string | null;
  readonly sourceAddress?: string | null;
}

const HQ_SYSTEM: AuditActor = { kind: 'system', id: 'hq' };

export function checkpointFromRow(row: AuditCheckpointTable): AuditCheckpoint {
  return {
    sequence: row.sequence,
    entryHash: row.entry_hash,
    signedAt: row.signed_at,
    reason: row.reason,
    keyId: row.key_id,
    publicKey: row.public_key,
    signature: row.signature,
  };
}

async function latestCheckpointSequence(db: AuditDb): Promise<number> {
  const row = await db
    .selectFrom('audit_checkpoints')
    .select('sequence')
    .orderBy('sequence', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.sequence ?? 0;
}

/**
 * Signs the chain head inside the caller's transaction: appends an `audit.checkpoint.signed`
 * entry and signs the head it makes, so each checkpoint is itself on the record and its
 * sequence names that entry (docs/AUDIT.md "Checkpoints"). An area that changes the election's
 * phase appends its own entry and calls this in the same transaction, so the phase change is
 * signed the moment it commits (issue 3). Returns undefined when `onlyIfChanged` found nothing
 * new to sign.
 */
export async function signCheckpointIn(
  trx: Kysely<Database>,
  hqKey: HqSigningKey,
  reason: AuditCheckpointReason,
  options: SignCheckpointOptions = {},
): Promise<AuditCheckpoint | undefined> {
  if (!isAuditCheckpointReason(reason))
    throw new TypeError(`bad checkpoint reason ${JSON.stringify(reason)}`);
  const db = auditDb(trx);
  const signedAt = new Date().toISOString();
  const fields = prepareAuditEntry(
    {
      action: 'audit.checkpoint.signed',
      outcome: 'succeeded',
      actor: options.actor ?? HQ_SYSTEM,
      electionId: options.electionId ?? null,
      object: { type: 'checkpoint' },
      sourceAddress: options.sourceAddress ?? null,
      details: { reason, keyId: hqKey.keyId },
    },
    signedAt,
  );
  const done = await appendBuilt(trx, async (head) => {
    // Read after the head: a checkpoint committed before that read is seen here too (its row
    // and the head move in one transaction), so "nothing new" is judged on one state.
    if (options.onlyIfChanged === true && head.sequence === (await latestCheckpointSequence(db)))
      return undefined;
    const entries = chainEntries(head, [fields]);
    const entry = entries[0];
    if (entry === undefined) return undefined;
    const payload: AuditCheckpointPayload = {
      sequence: entry.sequence,
      entryHash: entry.entryHash,
      signedAt,
      reason,
      keyId: hqKey.keyId,
    };
    const message = new TextEncoder().encode(auditCheckpointMessage(payload));
    const signature = Buffer.from(hqKey.sign(message)).toString('base64');
    return { entries, result: { ...payload, publicKey: hqKey.publicKey, signature } };
  });
  if (done === undefined) return undefined;
  const checkpoint = done.result;
  await db
    .insertInto('audit_checkpoints')
    .values({
      sequence: checkpoint.sequence,
      entry_hash: checkpoint.entryHash,
      signed_at: checkpoint.signedAt,
      reason: checkpoint.reason,
      key_id: checkpoint.keyId,
      public_key: checkpoint.publicKey,
      signature: checkpoint.signature,
    })
    .execute();
  return checkpoint;
}

/** Signs the chain head in a transaction of its own (the timer, start and stop, an operator). */
export async function signCheckpoint(
  store: Store,
  hqKey: HqSigningKey,
  reason: AuditCheckpointReason,
  options: SignCheckpointOptions = {},
): Promise<AuditCheckpoint | undefined> {
  return store.transaction((trx) => signCheckpointIn(trx, hqKey, reason, options));
}

export interface CheckpointPage {
  readonly checkpoints: readonly AuditCheckpoint[];
  /** Pass as `after` for the next page; undefined on the last page. */
  readonly next: number | undefined;
}

/** Checkpoints in sequence order, paged by sequence. */
export async function listCheckpoints(
  store: Store,
  options: { after?: number; limit?: number } = {},
): Promise<CheckpointPage> {
  const limit = options.limit ?? 100;
  const rows = await auditDb(store.db)
    .selectFrom('audit_checkpoints')
    .selectAll()
    .where('sequence', '>', options.after ?? 0)
    .orderBy('sequence')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit).map(checkpointFromRow);
  return { checkpoints: page, next: rows.length > limit ? page.at(-1)?.sequence : undefined };
}
