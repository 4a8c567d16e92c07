import type { Kysely } from 'kysely';
import type { AccountRole } from '@sandogh/core';
import type { Database, Flag, StaffScopeKind } from '../database.js';

/**
 * The tables of migration 0003 (staff accounts and sessions, issue 3), column by column, with
 * the portable types of database.ts. Kept beside the access code and joined to `Database` with
 * `withTables`, so the shared interface stays untouched. (Type aliases, not interfaces: Kysely's
 * `withTables` needs the implicit index signature only aliases have.)
 */
export type AccessTables = {
  accounts: AccountTable;
  account_branches: AccountBranchTable;
  sessions: SessionTable;
};

export type AccessDb = Kysely<Database & AccessTables>;

export function accessDb(db: Kysely<Database>): AccessDb {
  return db.withTables<AccessTables>();
}

export type AccountTable = {
  /** Random (128 bits, hex): says nothing about the person or the order of creation. */
  id: string;
  /** Lower case; a staff id for accounts made from the definition. */
  username: string;
  /** Null only for constituency-wide accounts made before any election is loaded. */
  election_id: string | null;
  /** The staff assignment of the definition this account was made for, if any. */
  staff_id: string | null;
  name_fa: string;
  name_en: string;
  role: AccountRole;
  scope_kind: StaffScopeKind;
  scope_zone_hq_id: string | null;
  scope_zone_id: string | null;
  trustee_role: 'chair' | 'secretary' | null;
  device_operator: Flag;
  /** scrypt, PHC string format with its parameters (password.ts). */
  password_hash: string;
  /** A one-time password issued by HQ must be replaced at the first sign-in. */
  password_must_change: Flag;
  /** RFC 6238 shared secret, base32 (totp.ts). */
  totp_secret: string;
  /** The last 30-second step whose code was accepted: a code is never accepted twice. */
  totp_last_step: number | null;
  failed_logins: number;
  last_failed_at: string | null;
  locked_until: string | null;
  disabled: Flag;
  created_at: string;
  last_login_at: string | null;
};

export type AccountBranchTable = {
  account_id: string;
  election_id: string;
  branch_id: string;
  position: number;
};

export type SessionTable = {
  /** SHA-256 (hex) of the session token: the token itself is never stored. */
  id_hash: string;
  account_id: string;
  created_at: string;
  last_seen_at: string;
  /** The absolute end, whatever the activity. */
  expires_at: string;
  /** The address the session was opened from (a staff device, not a voter's). */
  source: string;
};
