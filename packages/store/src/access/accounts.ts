import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import {
  err,
  ok,
  problem,
  type AccountRole,
  type BilingualName,
  type Problem,
  type Result,
  type StaffScope,
} from '@sandogh/core';
import type { Database } from '../database.js';
import { constraintViolation } from '../bulk.js';
import type { Store } from '../store.js';
import { accessDb, type AccessDb, type AccountTable } from './tables.js';

/** A staff account as the access code needs it (secrets included: never send this out). */
export interface AccountRecord {
  readonly id: string;
  readonly username: string;
  readonly electionId: string | null;
  readonly staffId: string | null;
  readonly name: BilingualName;
  readonly role: AccountRole;
  readonly scope: StaffScope;
  readonly trusteeRole: 'chair' | 'secretary' | null;
  readonly deviceOperator: boolean;
  readonly passwordHash: string;
  readonly passwordMustChange: boolean;
  readonly totpSecret: string;
  readonly totpLastStep: number | null;
  readonly failedLogins: number;
  readonly lastFailedAt: string | null;
  readonly lockedUntil: string | null;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly lastLoginAt: string | null;
}

/** What may be shown about an account: no hash, no secret. */
export type AccountSummary = Omit<
  AccountRecord,
  'id' | 'passwordHash' | 'totpSecret' | 'totpLastStep' | 'failedLogins' | 'lastFailedAt'
>;

export function accountSummary(a: AccountRecord): AccountSummary {
  return {
    username: a.username,
    electionId: a.electionId,
    staffId: a.staffId,
    name: a.name,
    role: a.role,
    scope: a.scope,
    trusteeRole: a.trusteeRole,
    deviceOperator: a.deviceOperator,
    passwordMustChange: a.passwordMustChange,
    lockedUntil: a.lockedUntil,
    disabled: a.disabled,
    createdAt: a.createdAt,
    lastLoginAt: a.lastLoginAt,
  };
}

export interface NewAccount {
  readonly username: string;
  readonly electionId: string | null;
  readonly staffId?: string | null;
  readonly name: BilingualName;
  readonly role: AccountRole;
  readonly scope: StaffScope;
  readonly trusteeRole?: 'chair' | 'secretary' | null;
  readonly deviceOperator?: boolean;
  readonly passwordHash: string;
  readonly totpSecret: string;
  readonly passwordMustChange: boolean;
}

/** The scope as one short, log-safe string: `constituency`, `zone-hq:ID`, `zone:ID`, `branch:ID,…`. */
export function scopeLabel(scope: StaffScope): string {
  switch (scope.kind) {
    case 'constituency':
      return 'constituency';
    case 'zoneHq':
      return `zone-hq:${scope.zoneHqId}`;
    case 'zone':
      return `zone:${scope.zoneId}`;
    case 'branches':
      return `branch:${scope.branchIds.join(',')}`;
  }
}

export function utcInstant(ms: number): string {
  return new Date(ms).toISOString();
}

function recordOf(row: Selectable<AccountTable>, branchIds: readonly string[]): AccountRecord {
  let scope: StaffScope;
  if (row.scope_kind === 'zoneHq') scope = { kind: 'zoneHq', zoneHqId: row.scope_zone_hq_id ?? '' };
  else if (row.scope_kind === 'zone') scope = { kind: 'zone', zoneId: row.scope_zone_id ?? '' };
  else if (row.scope_kind === 'branches') scope = { kind: 'branches', branchIds: [...branchIds] };
  else scope = { kind: 'constituency' };
  return {
    id: row.id,
    username: row.username,
    electionId: row.election_id,
    staffId: row.staff_id,
    name: { fa: row.name_fa, en: row.name_en },
    role: row.role,
    scope,
    trusteeRole: row.trustee_role,
    deviceOperator: row.device_operator === 1,
    passwordHash: row.password_hash,
    passwordMustChange: row.password_must_change === 1,
    totpSecret: row.totp_secret,
    totpLastStep: row.totp_last_step,
    failedLogins: row.failed_logins,
    lastFailedAt: row.last_failed_at,
    lockedUntil: row.locked_until,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

async function branchesOf(db: AccessDb, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('account_branches')
    .select('branch_id')
    .where('account_id', '=', accountId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.branch_id);
}

export async function findAccount(
  db: Kysely<Database>,
  where: { readonly username: string } | { readonly id: string },
): Promise<AccountRecord | undefined> {
  const adb = accessDb(db);
  const query = adb.selectFrom('accounts').selectAll();
  const row = await (
    'id' in where
      ? query.where('id', '=', where.id)
      : query.where('username', '=', where.username.toLowerCase())
  ).executeTakeFirst();
  if (row === undefined) return undefined;
  return recordOf(row, row.scope_kind === 'branches' ? await branchesOf(adb, row.id) : []);
}

/** Checks that every place a scope names exists in the election; the first that does not. */
async function unknownScopeRef(
  db: Kysely<Database>,
  electionId: string | null,
  scope: StaffScope,
): Promise<Problem | undefined> {
  if (scope.kind === 'constituency') return undefined;
  const missing = (kind: string, id: string) => problem('ACCESS_SCOPE_UNKNOWN', { kind, id });
  if (electionId === null)
    return missing(scope.kind, scope.kind === 'branches' ? scope.branchIds.join(',') : '');
  if (scope.kind === 'zoneHq') {
    const hit = await db
      .selectFrom('zone_hqs')
      .select('id')
      .where('election_id', '=', electionId)
      .where('id', '=', scope.zoneHqId)
      .executeTakeFirst();
    return hit === undefined ? missing('zone HQ', scope.zoneHqId) : undefined;
  }
  if (scope.kind === 'zone') {
    const hit = await db
      .selectFrom('zones')
      .select('id')
      .where('election_id', '=', electionId)
      .where('id', '=', scope.zoneId)
      .executeTakeFirst();
    return hit === undefined ? missing('zone', scope.zoneId) : undefined;
  }
  const found = await db
    .selectFrom('branches')
    .select('id')
    .where('election_id', '=', electionId)
    .where('id', 'in', scope.branchIds)
    .execute();
  const have = new Set(found.map((b) => b.id));
  const absent = scope.branchIds.find((b) => !have.has(b));
  return absent === undefined ? undefined : missing('branch', absent);
}

/** Rows per INSERT: well under either engine's parameter limit for these widths. */
const ROWS_PER_INSERT = 500;

/**
 * Creates accounts in one transaction (all or none). A username already taken is
 * ACCESS_ACCOUNT_EXISTS; a scope naming a place the election lacks is ACCESS_SCOPE_UNKNOWN.
 * Checked one by one for a clear message; the constraints catch whatever races past.
 * `within` runs in the same transaction (the audit entries of law 6: recorded with the
 * accounts or not at all).
 */
export async function insertAccounts(
  store: Store,
  accounts: readonly NewAccount[],
  nowMs: number,
  within?: (trx: Kysely<Database>) => Promise<unknown>,
): Promise<Result<number, Problem>> {
  const names = accounts.map((a) => a.username.toLowerCase());
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) return err(problem('ACCESS_ACCOUNT_EXISTS', { username: dup }));
  try {
    return await store.transaction(async (trx) => {
      const adb = accessDb(trx);
      for (let start = 0; start < names.length; start += ROWS_PER_INSERT) {
        const taken = await adb
          .selectFrom('accounts')
          .select('username')
          .where('username', 'in', names.slice(start, start + ROWS_PER_INSERT))
          .executeTakeFirst();
        if (taken !== undefined)
          return err(problem('ACCESS_ACCOUNT_EXISTS', { username: taken.username }));
      }
      const checked = new Set<string>();
      for (const a of accounts) {
        const key = `${a.electionId ?? ''}|${JSON.stringify(a.scope)}`;
        if (checked.has(key)) continue;
        const unknown = await unknownScopeRef(trx, a.electionId, a.scope);
        if (unknown !== undefined) return err(unknown);
        checked.add(key);
      }
      const created = utcInstant(nowMs);
      const rows = accounts.map((a) => ({
        id: randomBytes(16).toString('hex'),
        username: a.username.toLowerCase(),
        election_id: a.electionId,
        staff_id: a.staffId ?? null,
        name_fa: a.name.fa,
        name_en: a.name.en,
        role: a.role,
        scope_kind: a.scope.kind,
        scope_zone_hq_id: a.scope.kind === 'zoneHq' ? a.scope.zoneHqId : null,
        scope_zone_id: a.scope.kind === 'zone' ? a.scope.zoneId : null,
        trustee_role: a.trusteeRole ?? null,
        device_operator: a.deviceOperator === true ? (1 as const) : (0 as const),
        password_hash: a.passwordHash,
        password_must_change: a.passwordMustChange ? (1 as const) : (0 as const),
        totp_secret: a.totpSecret,
        totp_last_step: null,
        failed_logins: 0,
        last_failed_at: null,
        locked_until: null,
        disabled: 0 as const,
        created_at: created,
        last_login_at: null,
      }));
      const branchRows = rows.flatMap((row, i) => {
        const scope = accounts[i]?.scope;
        if (scope?.kind !== 'branches' || row.election_id === null) return [];
        const electionId = row.election_id;
        return scope.branchIds.map((branchId, position) => ({
          account_id: row.id,
          election_id: electionId,
          branch_id: branchId,
          position,
        }));
      });
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT)
        await adb
          .insertInto('accounts')
          .values(rows.slice(start, start + ROWS_PER_INSERT))
          .execute();
      for (let start = 0; start < branchRows.length; start += ROWS_PER_INSERT)
        await adb
          .insertInto('account_branches')
          .values(branchRows.slice(start, start + ROWS_PER_INSERT))
          .execute();
      await within?.(trx);
      return ok(rows.length);
    });
  } catch (error) {
    const violation = constraintViolation(error);
    if (violation?.kind === 'unique')
      return err(problem('ACCESS_ACCOUNT_EXISTS', { username: names.join(', ').slice(0, 200) }));
    if (violation?.kind === 'foreign-key')
      return err(problem('ACCESS_SCOPE_UNKNOWN', { kind: 'place', id: violation.message }));
    throw error;
  }
}

export interface AccountFilter {
  readonly role?: AccountRole | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

/** Accounts in username order, paged; summaries only. */
export async function listAccounts(
  store: Store,
  filter: AccountFilter = {},
): Promise<{ items: AccountSummary[]; total: number; limit: number; offset: number }> {
  const adb = accessDb(store.db);
  const limit = Math.min(1_000, Math.max(1, Math.trunc(filter.limit ?? 100)));
  const offset = Math.max(0, Math.trunc(filter.offset ?? 0));
  let base = adb.selectFrom('accounts');
  if (filter.role !== undefined) base = base.where('role', '=', filter.role);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('username').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items: AccountSummary[] = [];
  for (const row of rows)
    items.push(
      accountSummary(
        recordOf(row, row.scope_kind === 'branches' ? await branchesOf(adb, row.id) : []),
      ),
    );
  return { items, total: count.n, limit, offset };
}

/** Every username taken, for bulk creation to skip. */
export async function existingStaffAccounts(
  store: Store,
  electionId: string,
): Promise<{ usernames: Set<string>; staffIds: Set<string> }> {
  const rows = await accessDb(store.db)
    .selectFrom('accounts')
    .select(['username', 'staff_id', 'election_id'])
    .execute();
  return {
    usernames: new Set(rows.map((r) => r.username)),
    staffIds: new Set(
      rows.flatMap((r) =>
        r.election_id === electionId && r.staff_id !== null ? [r.staff_id] : [],
      ),
    ),
  };
}
