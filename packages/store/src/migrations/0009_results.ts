import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Results (issue 7, docs/RESULTS.md, docs/RLA.md): the hash chain of result versions, the
 * verifiable lot and the risk-limiting audit.
 *
 * Versions are append-only: the primary key (election, version) means two writers racing to
 * add version n+1 cannot both win, and nothing ever updates or deletes a row — a correction is a
 * new version (docs/RESULTS.md §2). A lot session collects commitments and reveals keyed by
 * (session, kind, member), so a second commitment or reveal by one member fails on the key
 * whatever the concurrency; "one open lot per election" is a partial unique index. Portable
 * statements only (DESIGN §6); JSON as RFC 8785 text, byte for byte.
 */
export const resultsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const s = db.schema;
    await s
      .createTable('result_versions')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('previous_hash', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('results_hash', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('signers', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .addColumn('results', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('result_versions_pk', ['election_id', 'version'])
      .addCheckConstraint(
        'result_versions_state_ck',
        sql`state in ('partial', 'provisional', 'final', 'certified')`,
      )
      .execute();

    await s
      .createTable('lot_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('tie', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      /** The lot record once drawn (lot.ts `LotRecord`), null while open or when abandoned. */
      .addColumn('record', 'text')
      .execute();
    await s
      .createIndex('lot_sessions_open_ux')
      .on('lot_sessions')
      .column('election_id')
      .unique()
      .where(sql.ref('closed_at'), 'is', null)
      .execute();
    await s
      .createTable('lot_entries')
      .addColumn('session_id', 'text', (c) => c.notNull().references('lot_sessions.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('lot_entries_pk', ['session_id', 'kind', 'member_id'])
      .addCheckConstraint('lot_entries_kind_ck', sql`kind in ('commitment', 'reveal')`)
      .execute();

    // The risk-limiting audit (docs/RLA.md): one open audit per election; its rounds keyed by
    // number; each paper's entries keyed by (branch, position, look), so a look is entered once.
    await s
      .createTable('rla_audits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('parameters', 'text', (c) => c.notNull())
      .addColumn('seed', 'text', (c) => c.notNull())
      .addColumn('reported', 'text', (c) => c.notNull())
      .addColumn('manifest', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addColumn('decision', 'text')
      .execute();
    await s
      .createIndex('rla_audits_open_ux')
      .on('rla_audits')
      .column('election_id')
      .unique()
      .where(sql.ref('closed_at'), 'is', null)
      .execute();
    await s
      .createTable('rla_rounds')
      .addColumn('audit_id', 'text', (c) => c.notNull().references('rla_audits.id'))
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('draws', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      /** The round's outcome (risk per pair, decision) once evaluated. */
      .addColumn('outcome', 'text')
      .addPrimaryKeyConstraint('rla_rounds_pk', ['audit_id', 'round'])
      .execute();
    await s
      .createTable('rla_entries')
      .addColumn('audit_id', 'text', (c) => c.notNull().references('rla_audits.id'))
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('look', 'text', (c) => c.notNull())
      /** JSON: the codes the paper shows, or null when it was not found. */
      .addColumn('marks', 'text', (c) => c.notNull())
      .addColumn('entered_by', 'text', (c) => c.notNull())
      .addColumn('entered_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('rla_entries_pk', ['audit_id', 'branch_id', 'position', 'look'])
      .addCheckConstraint('rla_entries_look_ck', sql`look in ('first', 'second', 'third')`)
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'rla_entries',
      'rla_rounds',
      'rla_audits',
      'lot_entries',
      'lot_sessions',
      'result_versions',
    ])
      await db.schema.dropTable(table).execute();
  },
};
