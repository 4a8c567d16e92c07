import { sql, type Kysely, type Migration } from 'kysely';
import { accountRole } from '@sandogh/core';

/**
 * Staff accounts, their branches and their sessions (issue 3). Frozen once released, like
 * 0001. Portable statements only (DESIGN §6): text, integer, composite keys, CHECKs; nullable
 * composite foreign keys are skipped by every engine when a column is null (MATCH SIMPLE), which
 * is what lets a constituency-wide account exist before any election is loaded.
 *
 * Nothing here holds a secret in the clear except the TOTP shared secret, which the server must
 * read to check a code (RFC 6238 §5.1 asks to protect it; docs/SECURITY.md says how today and
 * what is missing). Passwords are scrypt hashes; sessions are stored as SHA-256 of the token.
 */

const roles = accountRole.options.map((r) => `'${r}'`).join(', ');

export const accessMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const s = db.schema;
    await s
      .createTable('accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('election_id', 'text', (c) => c.references('election.id'))
      .addColumn('staff_id', 'text')
      .addColumn('name_fa', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('scope_kind', 'text', (c) => c.notNull())
      .addColumn('scope_zone_hq_id', 'text')
      .addColumn('scope_zone_id', 'text')
      .addColumn('trustee_role', 'text')
      .addColumn('device_operator', 'integer', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('password_must_change', 'integer', (c) => c.notNull())
      .addColumn('totp_secret', 'text', (c) => c.notNull())
      .addColumn('totp_last_step', 'integer')
      .addColumn('failed_logins', 'integer', (c) => c.notNull())
      .addColumn('last_failed_at', 'text')
      .addColumn('locked_until', 'text')
      .addColumn('disabled', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_login_at', 'text')
      .addUniqueConstraint('accounts_username_uq', ['username'])
      // One account per staff assignment: bulk creation twice never doubles anyone.
      .addUniqueConstraint('accounts_staff_uq', ['election_id', 'staff_id'])
      .addForeignKeyConstraint('accounts_staff_fk', ['election_id', 'staff_id'], 'staff', [
        'election_id',
        'id',
      ])
      .addForeignKeyConstraint(
        'accounts_zone_hq_fk',
        ['election_id', 'scope_zone_hq_id'],
        'zone_hqs',
        ['election_id', 'id'],
      )
      .addForeignKeyConstraint('accounts_zone_fk', ['election_id', 'scope_zone_id'], 'zones', [
        'election_id',
        'id',
      ])
      .addCheckConstraint('accounts_role_ck', sql.raw(`role in (${roles})`))
      .addCheckConstraint(
        'accounts_scope_kind_ck',
        sql`scope_kind in ('constituency', 'zoneHq', 'zone', 'branches')`,
      )
      .addCheckConstraint(
        'accounts_scope_refs_ck',
        sql`(scope_kind = 'zoneHq') = (scope_zone_hq_id is not null) and (scope_kind = 'zone') = (scope_zone_id is not null)`,
      )
      // A narrower scope names places of one election; only a constituency-wide account may
      // exist before an election is loaded (the HQ staff who load it).
      .addCheckConstraint(
        'accounts_election_ck',
        sql`election_id is not null or (scope_kind = 'constituency' and staff_id is null)`,
      )
      .addCheckConstraint(
        'accounts_trustee_role_ck',
        sql`trustee_role is null or trustee_role in ('chair', 'secretary')`,
      )
      .addCheckConstraint(
        'accounts_flags_ck',
        sql`device_operator in (0, 1) and password_must_change in (0, 1) and disabled in (0, 1)`,
      )
      .addCheckConstraint('accounts_failed_logins_ck', sql`failed_logins >= 0`)
      .execute();

    await s
      .createTable('account_branches')
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('account_branches_pk', ['account_id', 'branch_id'])
      .addForeignKeyConstraint(
        'account_branches_branch_fk',
        ['election_id', 'branch_id'],
        'branches',
        ['election_id', 'id'],
      )
      .execute();

    await s
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .execute();
    // "Sign out everywhere" and disabling an account end every session of one account.
    await s.createIndex('sessions_account_ix').on('sessions').columns(['account_id']).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['sessions', 'account_branches', 'accounts'])
      await db.schema.dropTable(table).execute();
  },
};
