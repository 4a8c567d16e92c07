import { sql, type Kysely, type Migration } from 'kysely';
import { keyOrderedTables } from './keyOrdered.js';

/**
 * Reconciliation at the HQ (issue 7, law 5, docs/RESULTS.md §3):
 *
 * - `branch_decrypted_counts`: each branch's decrypted counts as the decryption step published
 *   them (the record's `decryption/branches.json`), one row per branch, never changed once
 *   stored — the third leg of "received at HQ = tally report = decrypted";
 * - `flag_decisions`: the supervisors' decisions on reconciliation flags. A flag is named by
 *   (election, branch, code, field — '' for the rules without one); each decision is a new
 *   row numbered in that flag's own sequence, so a later decision never overwrites an earlier
 *   one and two supervisors racing for the same number lose on the key, not silently.
 *
 * Key-ordered like the station's and the poll book's tables (keyOrdered.ts); portable
 * statements only (DESIGN §6).
 */
export const reconciliationMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const keyOrdered = keyOrderedTables(db);
    const s = db.schema;
    await keyOrdered(
      s
        .createTable('branch_decrypted_counts')
        .addColumn('election_id', 'text', (c) => c.notNull())
        .addColumn('branch_id', 'text', (c) => c.notNull())
        .addColumn('ballot_count', 'integer', (c) => c.notNull())
        /** RFC 8785 JSON: [{code, votes}] in the definition's candidate order. */
        .addColumn('counts', 'text', (c) => c.notNull())
        /** SHA-256 of the canonical {branchId, ballotCount, counts} as published. */
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('stored_by', 'text', (c) => c.notNull())
        .addColumn('stored_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('branch_decrypted_counts_pk', ['election_id', 'branch_id'])
        .addCheckConstraint('branch_decrypted_counts_ballots_ck', sql`ballot_count >= 0`),
    ).execute();
    await keyOrdered(
      s
        .createTable('flag_decisions')
        .addColumn('election_id', 'text', (c) => c.notNull())
        .addColumn('branch_id', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        /** RFC 8785 JSON of the flag's numbers when the decision was taken. */
        .addColumn('numbers', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('flag_decisions_pk', [
          'election_id',
          'branch_id',
          'code',
          'field',
          'sequence',
        ])
        .addCheckConstraint(
          'flag_decisions_decision_ck',
          sql`decision in ('explained', 'recount-ordered', 'excluded-by-board')`,
        ),
    ).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['flag_decisions', 'branch_decrypted_counts'])
      await db.schema.dropTable(table).execute();
  },
};
