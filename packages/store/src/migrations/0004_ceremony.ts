import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The supervisory board's key ceremony as the HQ collects it (issue 6, docs/CRYPTO.md §8,
 * docs/CEREMONY.md): the public parts only — the manifest, every member's announcement, the
 * sealed share boxes and any complaint with its verdict. Nothing secret ever reaches the HQ:
 * each member's polynomial and passphrase-sealed secret stay on their own machine.
 *
 * Portable statements only (DESIGN §6). A ceremony's id is random (DESIGN §9: no sequences);
 * a rerun after a conviction is a new row, the failed attempt kept beside it for the record.
 * "One ceremony under way per election" is a partial unique index (SQLite ≥ 3.8, PostgreSQL,
 * and the PostgreSQL-compatible distributed engines all have them), so two HQ requests racing
 * to open different ceremonies cannot both win. Artefacts are keyed by what they are — kind,
 * sender, recipient — so a second, different one for the same slot fails on the primary key
 * whatever the concurrency. JSON is stored as RFC 8785 text, byte for byte.
 */
export const ceremonyMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const s = db.schema;
    await s
      .createTable('ceremonies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('manifest_hash', 'text', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addColumn('k', 'integer', (c) => c.notNull())
      .addColumn('manifest', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .addColumn('superseded_at', 'text')
      .addCheckConstraint('ceremonies_board_ck', sql`k >= 1 and k <= n and n <= 255`)
      .execute();
    await s
      .createIndex('ceremonies_current_ux')
      .on('ceremonies')
      .column('election_id')
      .unique()
      .where(sql.ref('superseded_at'), 'is', null)
      .execute();

    await s
      .createTable('ceremony_artefacts')
      .addColumn('ceremony_id', 'text', (c) => c.notNull().references('ceremonies.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('sender', 'integer', (c) => c.notNull())
      /** 0 for an announcement, which is addressed to everyone. */
      .addColumn('recipient', 'integer', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('digest', 'text', (c) => c.notNull())
      .addColumn('verdict', 'text')
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('ceremony_artefacts_pk', [
        'ceremony_id',
        'kind',
        'sender',
        'recipient',
      ])
      .addCheckConstraint(
        'ceremony_artefacts_kind_ck',
        sql`kind in ('announcement', 'share', 'complaint')`,
      )
      .addCheckConstraint(
        'ceremony_artefacts_verdict_ck',
        sql`verdict is null or verdict in ('sender-at-fault', 'complaint-unfounded')`,
      )
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['ceremony_artefacts', 'ceremonies'])
      await db.schema.dropTable(table).execute();
  },
};
