import {
  err,
  ok,
  passwordWeakness,
  PASSWORD_MIN_LENGTH,
  problem,
  type Problem,
  type Result,
} from '@sandogh/core';
import type { Store } from '../store.js';
import { accountSummary, findAccount, type AccountSummary } from './accounts.js';
import { registerFailure } from './login.js';
import { hashPassword, verifyPassword, type ScryptParams } from './password.js';
import { endAccountSessions } from './sessions.js';
import { accessDb } from './tables.js';

/**
 * What HQ staff (staff.manage) and the CLI do to accounts, and what a person does to their own
 * password. Each returns the account's summary, or ACCESS_ACCOUNT_NOT_FOUND.
 */

function notFound(username: string): Result<never, Problem> {
  return err(problem('ACCESS_ACCOUNT_NOT_FOUND', { username }));
}

/**
 * Disables or enables an account. Disabling ends every session of it in the same transaction:
 * a disabled person is out at once, not at their next sign-in.
 */
export async function setAccountDisabled(
  store: Store,
  username: string,
  disabled: boolean,
): Promise<Result<{ account: AccountSummary; sessionsEnded: number }, Problem>> {
  const account = await findAccount(store.db, { username });
  if (account === undefined) return notFound(username);
  const sessionsEnded = await store.transaction(async (trx) => {
    await accessDb(trx)
      .updateTable('accounts')
      .set({ disabled: disabled ? 1 : 0 })
      .where('id', '=', account.id)
      .execute();
    return disabled ? endAccountSessions(trx, account.id) : 0;
  });
  return ok({ account: { ...accountSummary(account), disabled }, sessionsEnded });
}

/** Lifts a lockout and forgets the failures (HQ staff, after checking who is calling). */
export async function unlockAccount(
  store: Store,
  username: string,
): Promise<Result<{ account: AccountSummary; wasLockedUntil: string | null }, Problem>> {
  const account = await findAccount(store.db, { username });
  if (account === undefined) return notFound(username);
  await accessDb(store.db)
    .updateTable('accounts')
    .set({ failed_logins: 0, last_failed_at: null, locked_until: null })
    .where('id', '=', account.id)
    .execute();
  return ok({
    account: { ...accountSummary(account), lockedUntil: null },
    wasLockedUntil: account.lockedUntil,
  });
}

/**
 * Replaces a password and second factor (a lost phone, a forgotten password, a demo restart):
 * the new password must be changed at the next sign-in when `mustChange`; every session ends;
 * failures, lock and the last TOTP step are forgotten (the new secret starts afresh).
 */
export async function resetCredentials(
  store: Store,
  username: string,
  fresh: {
    readonly passwordHash: string;
    readonly totpSecret: string;
    readonly mustChange: boolean;
  },
): Promise<Result<AccountSummary, Problem>> {
  const account = await findAccount(store.db, { username });
  if (account === undefined) return notFound(username);
  await store.transaction(async (trx) => {
    await accessDb(trx)
      .updateTable('accounts')
      .set({
        password_hash: fresh.passwordHash,
        password_must_change: fresh.mustChange ? 1 : 0,
        totp_secret: fresh.totpSecret,
        totp_last_step: null,
        failed_logins: 0,
        last_failed_at: null,
        locked_until: null,
      })
      .where('id', '=', account.id)
      .execute();
    await endAccountSessions(trx, account.id);
  });
  return ok({
    ...accountSummary(account),
    passwordMustChange: fresh.mustChange,
    lockedUntil: null,
  });
}

export type PasswordChangeRefusal =
  | { readonly why: 'wrong-password'; readonly lockedUntil: string | undefined }
  | { readonly why: 'weak'; readonly problem: Problem }
  | { readonly why: 'unknown-account' };

/**
 * A person changes their own password: the current one must be right (a wrong one counts
 * towards the lockout, like a failed sign-in); the new one must pass core's rules. Every other
 * session of the account ends (whoever else held one is out); `keepSession` stays.
 */
export async function changeOwnPassword(
  store: Store,
  accountId: string,
  current: string,
  next: string,
  options: { readonly nowMs: number; readonly params: ScryptParams; readonly keepSession: string },
): Promise<Result<{ sessionsEnded: number }, PasswordChangeRefusal>> {
  const account = await findAccount(store.db, { id: accountId });
  if (account === undefined) return err({ why: 'unknown-account' });
  if (!(await verifyPassword(account.passwordHash, current))) {
    const lockedUntil = await registerFailure(store, account.id, options.nowMs);
    return err({ why: 'wrong-password', lockedUntil });
  }
  if (passwordWeakness(next, account.username) !== undefined || next === current)
    return err({
      why: 'weak',
      problem: problem('ACCESS_PASSWORD_WEAK', { minimum: PASSWORD_MIN_LENGTH }, ['newPassword']),
    });
  const hash = await hashPassword(next, options.params);
  const sessionsEnded = await store.transaction(async (trx) => {
    await accessDb(trx)
      .updateTable('accounts')
      .set({ password_hash: hash, password_must_change: 0 })
      .where('id', '=', account.id)
      .execute();
    return endAccountSessions(trx, account.id, options.keepSession);
  });
  return ok({ sessionsEnded });
}
