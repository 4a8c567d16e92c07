import { sql, type Kysely, type Migration } from 'kysely';
import { AUDIT_GENESIS_HASH } from '@sandogh/core';

/**
 * The append-only, hash-chained audit log and its signed checkpoints (issue 3, law 6;
 * docs/AUDIT.md). Portable statements only (DESIGN §6): the same on SQLite, PostgreSQL and a
 * PostgreSQL-compatible distributed engine — no triggers (their syntax differs by engine), no
 * sequences or identity columns (the sequence number is part of the hashed entry and is
 * assigned under the chain-head lock), JSON as text (hashed byte for byte).
 *
 * `bigint` for sequence numbers: a national poll book writes tens of millions of entries per
 * election and the log outlives elections. PostgreSQL returns int8 as a number (engines.ts);
 * SQLite's integer affinity takes it as is.
 *
 * No foreign key to `election`: the log must accept an entry about anything, including the
 * refusal of an election that was never loaded, and nothing may ever block or cascade into it.
 */
export const auditMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const s = db.schema;
    await s
      .createTable('audit_log')
      .addColumn('sequence', 'bigint', (c) => c.primaryKey())
      .addColumn('election_id', 'text')
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('actor_kind', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_role', 'text')
      .addColumn('actor_scope', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('object_type', 'text')
      .addColumn('object_id', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('source_address', 'text')
      .addColumn('details', 'text')
      .addColumn('previous_hash', 'text', (c) => c.notNull())
      .addColumn('entry_hash', 'text', (c) => c.notNull())
      .execute();
    // The filters of GET /api/v1/audit/entries, each ending in the sequence so that a filtered
    // page is read in order from the index. Appends pay for four small index inserts.
    await s
      .createIndex('audit_log_action_ix')
      .on('audit_log')
      .columns(['action', 'sequence'])
      .execute();
    await s
      .createIndex('audit_log_actor_ix')
      .on('audit_log')
      .columns(['actor_id', 'sequence'])
      .execute();
    await s
      .createIndex('audit_log_object_ix')
      .on('audit_log')
      .columns(['object_type', 'object_id', 'sequence'])
      .execute();
    await s.createIndex('audit_log_time_ix').on('audit_log').columns(['occurred_at']).execute();

    // One row: the sequence and hash of the last entry. Every append updates it in the same
    // transaction as its entries, which serialises appenders on this row on every engine.
    await s
      .createTable('audit_chain_head')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('sequence', 'bigint', (c) => c.notNull())
      .addColumn('entry_hash', 'text', (c) => c.notNull())
      .addCheckConstraint('audit_chain_head_one_ck', sql`id = 1`)
      .execute();
    await sql`insert into audit_chain_head (id, sequence, entry_hash) values (1, 0, ${AUDIT_GENESIS_HASH})`.execute(
      db,
    );

    // Keyed by the sequence of the `audit.checkpoint.signed` entry each one signs.
    await s
      .createTable('audit_checkpoints')
      .addColumn('sequence', 'bigint', (c) => c.primaryKey())
      .addColumn('entry_hash', 'text', (c) => c.notNull())
      .addColumn('signed_at', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['audit_checkpoints', 'audit_chain_head', 'audit_log'])
      await db.schema.dropTable(table).execute();
  },
};
