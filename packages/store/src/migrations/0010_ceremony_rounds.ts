import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Two more kinds of ceremony artefact (issue 6, docs/CRYPTO.md §8.2 step 0 and §9.2,
 * docs/CEREMONY.md): a member's **commitment** to their announcement, collected before any
 * announcement is accepted (the commit round against key bias), and a member's **partial
 * decryption** of the totals, collected after the count. Both are keyed like the others —
 * (kind, sender, recipient = 0) — so one per member holds under any concurrency.
 *
 * The kind list is a CHECK constraint, which SQLite cannot alter: the table is rebuilt (create
 * the new one, copy, drop, rename), portable on every engine (DESIGN §6). Constraint names carry
 * a `2` so they never clash with the old table's while both exist.
 */
const KINDS_V2 = sql`kind in ('announcement', 'share', 'complaint', 'commitment', 'partial')`;
const KINDS_V1 = sql`kind in ('announcement', 'share', 'complaint')`;
const COLUMNS = sql.raw(
  'ceremony_id, kind, sender, recipient, document, digest, verdict, received_at',
);

async function rebuild(
  db: Kysely<unknown>,
  kinds: ReturnType<typeof sql>,
  suffix: string,
  keep: ReturnType<typeof sql>,
): Promise<void> {
  const s = db.schema;
  await s
    .createTable('ceremony_artefacts_next')
    .addColumn('ceremony_id', 'text', (c) => c.notNull().references('ceremonies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sender', 'integer', (c) => c.notNull())
    .addColumn('recipient', 'integer', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint(`ceremony_artefacts_pk${suffix}`, [
      'ceremony_id',
      'kind',
      'sender',
      'recipient',
    ])
    .addCheckConstraint(`ceremony_artefacts_kind_ck${suffix}`, kinds)
    .addCheckConstraint(
      `ceremony_artefacts_verdict_ck${suffix}`,
      sql`verdict is null or verdict in ('sender-at-fault', 'complaint-unfounded')`,
    )
    .execute();
  await sql`insert into ceremony_artefacts_next (${COLUMNS}) select ${COLUMNS} from ceremony_artefacts where ${keep}`.execute(
    db,
  );
  await s.dropTable('ceremony_artefacts').execute();
  await s.alterTable('ceremony_artefacts_next').renameTo('ceremony_artefacts').execute();
}

export const ceremonyRoundsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await rebuild(db, KINDS_V2, '2', sql`1 = 1`);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    // The old table cannot hold the new kinds: rolling back drops them.
    await rebuild(db, KINDS_V1, '', KINDS_V1);
  },
};
