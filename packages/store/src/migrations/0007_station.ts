import { type Kysely, type Migration } from 'kysely';
import { keyOrderedTables } from './keyOrdered.js';

/**
 * The HQ side of the branch stations (issue 5, docs/STATION.md): the encrypted ballots
 * received, the device messages already applied (exactly once, law 3), and each branch's
 * lifecycle state. Portable statements (DESIGN §6) with the poll book's one engine-specific
 * clause: on SQLite the ballots table is WITHOUT ROWID, so its rows sit in tracking-code order
 * (a hash) and no hidden rowid records the order of arrival (law 2). A ballot row holds the
 * ballot as the device encrypted it (no voter data, no time finer than the day) and nothing
 * else: not the message that brought it, not its device, not an arrival instant.
 */
export const stationMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const keyOrdered = keyOrderedTables(db);
    const s = db.schema;
    await keyOrdered(
      s
        .createTable('ballots')
        .addColumn('election_id', 'text', (c) => c.notNull())
        .addColumn('tracking_code', 'text', (c) => c.notNull())
        .addColumn('branch_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ballots_pk', ['election_id', 'tracking_code']),
    ).execute();
    await s
      .createIndex('ballots_branch_ix')
      .on('ballots')
      .columns(['election_id', 'branch_id', 'tracking_code'])
      .execute();

    await keyOrdered(
      s
        .createTable('device_messages')
        .addColumn('election_id', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('device_serial', 'text', (c) => c.notNull())
        .addColumn('branch_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        /** SHA-256 of the signed message's canonical JSON: a retry is byte-identical. */
        .addColumn('digest', 'text', (c) => c.notNull())
        /** The branch's day only (law 2): never the arrival instant. */
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('ballot_count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('device_messages_pk', ['election_id', 'message_id']),
    ).execute();

    await s
      .createTable('branch_lifecycles')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('phase', 'text', (c) => c.notNull())
      /** The whole machine state (core branches/lifecycle.ts) as canonical JSON. */
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('branch_lifecycles_pk', ['election_id', 'branch_id'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['branch_lifecycles', 'device_messages', 'ballots'])
      await db.schema.dropTable(table).execute();
  },
};
