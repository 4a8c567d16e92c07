import { sql, type Kysely, type Migration } from 'kysely';
import { keyOrderedTables } from './keyOrdered.js';

/**
 * The voter registry (issue 4, DESIGN §2 "Eligibility"; docs/FORMATS.md "Voter registry"):
 * one row per person of the civil registry an election may see, keyed by (election, national
 * code) — the key check-and-mark reads, and the one a distributed engine shards by (DESIGN
 * §6). Whether someone has voted is never here: marks live in the poll book's own tables, so
 * re-importing an updated registry cannot disturb them.
 *
 * Portable statements (DESIGN §6) with one engine-specific clause: on SQLite the table is
 * WITHOUT ROWID, so a voter's row sits in the key's b-tree and check-and-mark finds it in one
 * descent instead of an index probe plus a table probe. Dates are Gregorian civil dates
 * 'YYYY-MM-DD' (they compare correctly as text); `import_id` names the import that last wrote
 * the row (no foreign key: a per-row check would cost the 10-million-row import for nothing,
 * both are written by the same code in one transaction).
 */
export const registryMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const keyOrdered = keyOrderedTables(db);
    const s = db.schema;
    await keyOrdered(
      s
        .createTable('registry_voters')
        .addColumn('election_id', 'text', (c) => c.notNull())
        .addColumn('national_code', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('deceased', 'integer', (c) => c.notNull())
        .addColumn('death_date', 'text')
        .addColumn('citizen', 'integer', (c) => c.notNull())
        .addColumn('round1_constituency', 'text')
        .addColumn('first_name', 'text')
        .addColumn('last_name', 'text')
        .addColumn('document_serials', 'text')
        .addColumn('import_id', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('registry_voters_pk', ['election_id', 'national_code'])
        .addCheckConstraint('registry_voters_deceased_ck', sql`deceased in (0, 1)`)
        .addCheckConstraint('registry_voters_citizen_ck', sql`citizen in (0, 1)`),
    ).execute();

    // One row per import that committed, written in the import's own transaction: a crashed or
    // refused import leaves no row here and no voter row either (atomic, issue 4). Counts
    // only, never a person's data.
    await s
      .createTable('registry_imports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('file_sha256', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text', (c) => c.notNull())
      .addColumn('rows_read', 'integer', (c) => c.notNull())
      .addColumn('rows_rejected', 'integer', (c) => c.notNull())
      .addColumn('inserted', 'integer', (c) => c.notNull())
      .addColumn('updated', 'integer', (c) => c.notNull())
      .addColumn('absent', 'integer', (c) => c.notNull())
      .addColumn('total', 'integer', (c) => c.notNull())
      .execute();
    await s
      .createIndex('registry_imports_election_ix')
      .on('registry_imports')
      .columns(['election_id', 'finished_at'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['registry_imports', 'registry_voters'])
      await db.schema.dropTable(table).execute();
  },
};
