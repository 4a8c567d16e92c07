import type { Kysely } from 'kysely';
import type { AuditEntry } from '@sandogh/core';
import type { Database } from '../database.js';

/**
 * The audit tables of migration 0002, column by column (types as in database.ts). Kept beside
 * the audit code and joined to `Database` with `withTables`, so the audit area reads and
 * writes through the same typed builder without editing the shared interface.
 */
// A type alias, not an interface: `withTables` needs a type with an implicit index signature.
export type AuditTables = {
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  audit_checkpoints: AuditCheckpointTable;
};

export interface AuditLogTable {
  sequence: number;
  election_id: string | null;
  occurred_at: string;
  recorded_at: string;
  actor_kind: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_scope: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  reason: string | null;
  source_address: string | null;
  /** RFC 8785 canonical JSON text, hashed as stored. */
  details: string | null;
  previous_hash: string;
  entry_hash: string;
}

export interface AuditChainHeadTable {
  /** Always 1: the table has one row. */
  id: number;
  sequence: number;
  entry_hash: string;
}

export interface AuditCheckpointTable {
  sequence: number;
  entry_hash: string;
  signed_at: string;
  reason: string;
  key_id: string;
  /** Raw 32-byte Ed25519 public key, standard base64. */
  public_key: string;
  /** Ed25519 signature over auditCheckpointMessage, standard base64. */
  signature: string;
}

export type AuditDb = Kysely<Database & AuditTables>;

export function auditDb(db: Kysely<Database>): AuditDb {
  return db.withTables<AuditTables>();
}

/** A stored entry with its own hash, as the API and the export show it. */
export interface StoredAuditEntry extends AuditEntry {
  readonly entryHash: string;
}

export function entryFromRow(row: AuditLogTable): StoredAuditEntry {
  return {
    sequence: row.sequence,
    electionId: row.election_id,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    actorScope: row.actor_scope,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    outcome: row.outcome,
    reason: row.reason,
    sourceAddress: row.source_address,
    details: row.details,
    previousHash: row.previous_hash,
    entryHash: row.entry_hash,
  };
}

export function rowFromEntry(entry: StoredAuditEntry): AuditLogTable {
  return {
    sequence: entry.sequence,
    election_id: entry.electionId,
    occurred_at: entry.occurredAt,
    recorded_at: entry.recordedAt,
    actor_kind: entry.actorKind,
    actor_id: entry.actorId,
    actor_role: entry.actorRole,
    actor_scope: entry.actorScope,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId,
    outcome: entry.outcome,
    reason: entry.reason,
    source_address: entry.sourceAddress,
    details: entry.details,
    previous_hash: entry.previousHash,
    entry_hash: entry.entryHash,
  };
}
