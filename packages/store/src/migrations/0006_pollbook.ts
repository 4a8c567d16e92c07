import { sql, type Kysely, type Migration } from 'kysely';
import { keyOrderedTables } from './keyOrdered.js';

/**
 * The poll book (issue 4, law 1 and law 2; docs/POLLBOOK.md): marks, ballot cards, decisions
 * on provisional ballots and the turnout counters. Portable statements (DESIGN §6), with one
 * engine-specific clause: on SQLite the card and mark tables are WITHOUT ROWID, so their rows
 * sit in key order (a random token hash, a national code) and no hidden rowid records the
 * order in which they were inserted — the order that would join a card back to its mark
 * (law 2). PostgreSQL's heap has no such clause; docs/POLLBOOK.md says what stands in for it.
 */
export const pollbookMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const keyOrdered = keyOrderedTables(db);
    const s = db.schema;
    await keyOrdered(
      s
        .createTable('pollbook_marks')
        .addColumn('election_id', 'text', (c) => c.notNull())
        .addColumn('national_code', 'text', (c) => c.notNull())
        .addColumn('branch_id', 'text', (c) => c.notNull())
        .addColumn('marked_at', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('decision', 'text')
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('cards_issued', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('pollbook_marks_pk', ['election_id', 'national_code'])
        .addCheckConstraint('pollbook_marks_mode_ck', sql`mode in ('online', 'provisional')`)
        .addCheckConstraint(
          'pollbook_marks_decision_ck',
          sql`(mode = 'online' and decision is null) or (mode = 'provisional' and decision = 'confirmed')`,
        )
        .addCheckConstraint('pollbook_marks_cards_ck', sql`cards_issued >= 0`),
    ).execute();

    await keyOrdered(
      s
        .createTable('pollbook_cards')
        .addColumn('election_id', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('branch_id', 'text', (c) => c.notNull())
        .addColumn('device_serial', 'text', (c) => c.notNull())
        .addColumn('expires_window', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('pollbook_cards_pk', ['election_id', 'token_hash'])
        .addCheckConstraint(
          'pollbook_cards_state_ck',
          sql`state in ('active', 'used', 'abandoned', 'expired')`,
        ),
    ).execute();
    await s
      .createIndex('pollbook_cards_branch_ix')
      .on('pollbook_cards')
      .columns(['election_id', 'branch_id', 'state'])
      .execute();

    await s
      .createTable('pollbook_provisional')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('handle', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('earlier_branch_id', 'text')
      .addColumn('earlier_at', 'text')
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pollbook_provisional_pk', ['election_id', 'handle'])
      .addCheckConstraint(
        'pollbook_provisional_decision_ck',
        sql`decision in ('confirmed', 'rejected')`,
      )
      .execute();

    await s
      .createTable('pollbook_turnout')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('hour', 'text', (c) => c.notNull())
      .addColumn('voters', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pollbook_turnout_pk', ['election_id', 'branch_id', 'hour'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'pollbook_turnout',
      'pollbook_provisional',
      'pollbook_cards',
      'pollbook_marks',
    ])
      await db.schema.dropTable(table).execute();
  },
};
