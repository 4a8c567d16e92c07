import {
  err,
  ok,
  type AccountRole,
  type BilingualName,
  type Problem,
  type Result,
  type StaffRole,
  type StaffScope,
} from '@sandogh/core';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { readDefinition } from '../definition/read.js';
import type { Store } from '../store.js';
import { existingStaffAccounts, insertAccounts, type NewAccount } from './accounts.js';
import {
  hashPassword,
  newOneTimePassword,
  ONE_TIME_PASSWORD_PARAMS,
  type ScryptParams,
} from './password.js';
import { newTotpSecret, otpauthUri } from './totp.js';

/**
 * Issuing accounts (issue 3): one by one, or in bulk from the staff assignments of the loaded
 * definition. Each gets a fresh one-time password (to be changed at the first sign-in) and a
 * fresh TOTP secret; both are returned once, for the operator to hand over, and never stored
 * in the clear (the password is hashed; the secret is stored as RFC 6238 needs it).
 */
export interface IssuedCredential {
  readonly username: string;
  readonly staffId: string | null;
  readonly name: BilingualName;
  readonly role: AccountRole;
  readonly scope: StaffScope;
  readonly password: string;
  readonly totpSecret: string;
  /** For the authenticator app's QR code. */
  readonly otpauthUri: string;
}

export interface AccountRequest {
  readonly username: string;
  readonly name: BilingualName;
  readonly role: AccountRole;
  readonly scope: StaffScope;
  readonly electionId: string | null;
  readonly staffId?: string | null;
  readonly trusteeRole?: 'chair' | 'secretary' | null;
  readonly deviceOperator?: boolean;
}

export interface IssueOptions {
  readonly nowMs: number;
  /** A chosen password (demo accounts); default: a one-time password to change at first use. */
  readonly password?: string;
  readonly totpSecret?: string;
  /** Parameters for a chosen password (default: today's staff parameters, the caller's). */
  readonly params?: ScryptParams;
  /** Runs in the creating transaction: where the caller writes its audit entries (law 6). */
  readonly record?: Recorder;
}

export type Recorder = (
  trx: Kysely<Database>,
  issued: readonly IssuedCredential[],
) => Promise<unknown>;

async function prepared(
  request: AccountRequest,
  options: IssueOptions,
): Promise<{ account: NewAccount; credential: IssuedCredential }> {
  const chosen = options.password;
  const password = chosen ?? newOneTimePassword();
  const totpSecret = options.totpSecret ?? newTotpSecret();
  const params =
    chosen === undefined ? ONE_TIME_PASSWORD_PARAMS : (options.params ?? ONE_TIME_PASSWORD_PARAMS);
  const username = request.username.toLowerCase();
  return {
    account: {
      ...request,
      username,
      passwordHash: await hashPassword(password, params),
      totpSecret,
      passwordMustChange: chosen === undefined,
    },
    credential: {
      username,
      staffId: request.staffId ?? null,
      name: request.name,
      role: request.role,
      scope: request.scope,
      password,
      totpSecret,
      otpauthUri: otpauthUri(totpSecret, username),
    },
  };
}

/** Creates one account; its credential, or ACCESS_ACCOUNT_EXISTS / ACCESS_SCOPE_UNKNOWN. */
export async function issueAccount(
  store: Store,
  request: AccountRequest,
  options: IssueOptions,
): Promise<Result<IssuedCredential, Problem>> {
  const { account, credential } = await prepared(request, options);
  const record = options.record;
  const inserted = await insertAccounts(
    store,
    [account],
    options.nowMs,
    record === undefined ? undefined : (trx) => record(trx, [credential]),
  );
  return inserted.ok ? ok(credential) : err(inserted.error);
}

export interface StaffAccountsOptions {
  readonly nowMs: number;
  /** Only these roles (default: every role). */
  readonly roles?: readonly StaffRole[];
  readonly onProgress?: (done: number, total: number) => void;
  readonly record?: Recorder;
}

export interface StaffAccountsOutcome {
  readonly electionId: string;
  readonly issued: readonly IssuedCredential[];
  /** Staff who already had an account (bulk creation is safe to run again). */
  readonly skipped: number;
}

/** The thread pool hashes four at a time by default (UV_THREADPOOL_SIZE). */
const HASHES_IN_FLIGHT = 4;

/**
 * An account for every staff assignment of the loaded definition that has none yet, all in one
 * transaction. The username is the staff id (lower case); the scope, trustee post and device
 * operator flag are the assignment's.
 */
export async function createStaffAccounts(
  store: Store,
  options: StaffAccountsOptions,
): Promise<Result<StaffAccountsOutcome, Problem>> {
  const stored = await readDefinition(store);
  if (!stored.ok) return err(stored.error);
  const electionId = stored.value.summary.id;
  const taken = await existingStaffAccounts(store, electionId);
  const wanted = stored.value.definition.staff.filter(
    (s) => options.roles === undefined || options.roles.includes(s.role),
  );
  const todo = wanted.filter(
    (s) => !taken.staffIds.has(s.id) && !taken.usernames.has(s.id.toLowerCase()),
  );
  const accounts: NewAccount[] = [];
  const issued: IssuedCredential[] = [];
  let next = 0;
  let finished = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const index = next;
      next += 1;
      const s = todo[index];
      if (s === undefined) continue;
      const done = await prepared(
        {
          username: s.id,
          name: s.name,
          role: s.role,
          scope: s.scope,
          electionId,
          staffId: s.id,
          trusteeRole: s.trusteeRole ?? null,
          deviceOperator: s.deviceOperator === true,
        },
        { nowMs: options.nowMs },
      );
      accounts[index] = done.account;
      issued[index] = done.credential;
      finished += 1;
      options.onProgress?.(finished, todo.length);
    }
  };
  await Promise.all(Array.from({ length: HASHES_IN_FLIGHT }, worker));
  const record = options.record;
  const inserted = await insertAccounts(
    store,
    accounts,
    options.nowMs,
    record === undefined ? undefined : (trx) => record(trx, issued),
  );
  if (!inserted.ok) return err(inserted.error);
  return ok({ electionId, issued, skipped: wanted.length - todo.length });
}
