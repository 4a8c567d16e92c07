import { err, failuresSoFar, lockoutMs, ok, type Result } from '@sandogh/core';
import type { Store } from '../store.js';
import { findAccount, utcInstant, type AccountRecord } from './accounts.js';
import { hashPassword, needsRehash, verifyPassword, type ScryptParams } from './password.js';
import { openSession, type OpenedSession, type SessionTimeouts } from './sessions.js';
import { accessDb } from './tables.js';
import { matchTotp } from './totp.js';

/**
 * Signing in (issue 3): username, password and TOTP code in one step; every factor is checked
 * whatever the others say, and the caller is told only "failed" (which factor was wrong goes to
 * the audit log, never to the client). Failures count towards the lockout of core's
 * lockout.ts; a code is accepted once only (RFC 6238 §5.2).
 */
export interface LoginInput {
  readonly username: string;
  readonly password: string;
  readonly code: string;
  /** The client's address, kept with the session. */
  readonly source: string;
}

export interface LoginSettings {
  readonly nowMs: number;
  readonly timeouts: SessionTimeouts;
  /** Today's password parameters: a weaker stored hash is replaced on success. */
  readonly passwordParams: ScryptParams;
  /** The election HQ runs now; an account made for another is refused. */
  readonly electionId: string | undefined;
}

export type LoginFailure =
  | { readonly why: 'unknown-account' }
  | {
      readonly why: 'wrong-password' | 'wrong-code' | 'replayed-code';
      readonly account: AccountRecord;
      /** Set when this very failure locked the account. */
      readonly lockedUntil: string | undefined;
    }
  | { readonly why: 'locked'; readonly account: AccountRecord; readonly retryAfterSeconds: number }
  | { readonly why: 'disabled' | 'other-election'; readonly account: AccountRecord };

export interface LoginSuccess {
  readonly account: AccountRecord;
  readonly session: OpenedSession;
  /** The lock this success ended, if the account had been locked before. */
  readonly wasLockedUntil: string | undefined;
}

/** A hash to check against when the username is unknown, so that both take the same time. */
const decoys = new Map<string, Promise<string>>();
function decoyHash(params: ScryptParams): Promise<string> {
  const key = `${params.logN}/${params.r}/${params.p}`;
  let found = decoys.get(key);
  if (found === undefined) {
    found = hashPassword('decoy: no such account', params);
    decoys.set(key, found);
  }
  return found;
}

/**
 * Counts one failure atomically (an UPDATE that adds one, then a read inside the same
 * transaction: concurrent failures serialise on the row in both engines) and locks the account
 * once the count reaches the threshold.
 */
export async function registerFailure(
  store: Store,
  accountId: string,
  nowMs: number,
): Promise<string | undefined> {
  return store.transaction(async (trx) => {
    const adb = accessDb(trx);
    const before = await adb
      .selectFrom('accounts')
      .select(['failed_logins', 'last_failed_at'])
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (before === undefined) return undefined;
    const last = before.last_failed_at === null ? undefined : Date.parse(before.last_failed_at);
    if (failuresSoFar(before.failed_logins, last, nowMs) === 0 && before.failed_logins > 0)
      await adb
        .updateTable('accounts')
        .set({ failed_logins: 0 })
        .where('id', '=', accountId)
        .execute();
    await adb
      .updateTable('accounts')
      .set((eb) => ({
        failed_logins: eb('failed_logins', '+', 1),
        last_failed_at: utcInstant(nowMs),
      }))
      .where('id', '=', accountId)
      .execute();
    const after = await adb
      .selectFrom('accounts')
      .select('failed_logins')
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    const lockMs = lockoutMs(after.failed_logins);
    if (lockMs === 0) return undefined;
    const until = utcInstant(nowMs + lockMs);
    await adb
      .updateTable('accounts')
      .set({ locked_until: until })
      .where('id', '=', accountId)
      .execute();
    return until;
  });
}

export function lockedFor(account: AccountRecord, nowMs: number): number {
  if (account.lockedUntil === null) return 0;
  return Math.max(0, Date.parse(account.lockedUntil) - nowMs);
}

/** Every factor checked, whatever the others say; failures counted towards the lockout. */
async function checkFactors(
  store: Store,
  input: Omit<LoginInput, 'source'>,
  settings: Pick<LoginSettings, 'nowMs' | 'passwordParams' | 'electionId'>,
): Promise<Result<{ account: AccountRecord; step: number }, LoginFailure>> {
  const { nowMs } = settings;
  const account = await findAccount(store.db, { username: input.username });
  if (account === undefined) {
    await verifyPassword(await decoyHash(settings.passwordParams), input.password);
    return err({ why: 'unknown-account' });
  }
  const locked = lockedFor(account, nowMs);
  if (locked > 0)
    return err({ why: 'locked', account, retryAfterSeconds: Math.ceil(locked / 1000) });

  const passwordOk = await verifyPassword(account.passwordHash, input.password);
  const step = matchTotp(account.totpSecret, input.code, nowMs);
  const replayed =
    step !== undefined && account.totpLastStep !== null && step <= account.totpLastStep;
  if (!passwordOk || step === undefined || replayed) {
    const why = !passwordOk
      ? 'wrong-password'
      : step === undefined
        ? 'wrong-code'
        : 'replayed-code';
    const lockedUntil = await registerFailure(store, account.id, nowMs);
    return err({ why, account, lockedUntil });
  }
  if (account.disabled) return err({ why: 'disabled', account });
  if (account.electionId !== null && account.electionId !== settings.electionId)
    return err({ why: 'other-election', account });
  return ok({ account, step });
}

/**
 * A second person's approval of a two-person act (DESIGN §4, the policy's `secondApprover`):
 * the approver, present at the same terminal, gives their own password and TOTP code, checked
 * exactly as a sign-in (lockout, one use per code) — but no session is opened, so nothing of
 * theirs stays behind with the first person.
 */
export async function confirmApprover(
  store: Store,
  input: Omit<LoginInput, 'source'>,
  settings: Pick<LoginSettings, 'nowMs' | 'passwordParams' | 'electionId'>,
): Promise<Result<AccountRecord, LoginFailure>> {
  const checked = await checkFactors(store, input, settings);
  if (!checked.ok) return checked;
  const { account, step } = checked.value;
  const taken = await accessDb(store.db)
    .updateTable('accounts')
    .set({ totp_last_step: step, failed_logins: 0, last_failed_at: null })
    .where('id', '=', account.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  if (taken.numUpdatedRows === 0n) {
    const lockedUntil = await registerFailure(store, account.id, settings.nowMs);
    return err({ why: 'replayed-code', account, lockedUntil });
  }
  return ok(account);
}

export async function attemptLogin(
  store: Store,
  input: LoginInput,
  settings: LoginSettings,
): Promise<Result<LoginSuccess, LoginFailure>> {
  const { nowMs } = settings;
  const checked = await checkFactors(store, input, settings);
  if (!checked.ok) return checked;
  const { account, step } = checked.value;

  const opened = await store.transaction(async (trx) => {
    const adb = accessDb(trx);
    // The step is taken only if no one took it (or a later one) first: two sign-ins racing
    // with the same code cannot both win.
    const taken = await adb
      .updateTable('accounts')
      .set({
        totp_last_step: step,
        failed_logins: 0,
        last_failed_at: null,
        locked_until: null,
        last_login_at: utcInstant(nowMs),
      })
      .where('id', '=', account.id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    if (taken.numUpdatedRows === 0n) return undefined;
    return openSession(trx, account.id, nowMs, settings.timeouts, input.source);
  });
  if (opened === undefined) {
    const lockedUntil = await registerFailure(store, account.id, nowMs);
    return err({ why: 'replayed-code', account, lockedUntil });
  }
  if (!account.passwordMustChange && needsRehash(account.passwordHash, settings.passwordParams)) {
    const stronger = await hashPassword(input.password, settings.passwordParams);
    await accessDb(store.db)
      .updateTable('accounts')
      .set({ password_hash: stronger })
      .where('id', '=', account.id)
      .where('password_hash', '=', account.passwordHash)
      .execute();
  }
  return ok({
    account,
    session: opened,
    wasLockedUntil: account.lockedUntil === null ? undefined : account.lockedUntil,
  });
}
