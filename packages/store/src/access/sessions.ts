import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { err, ok, type Result } from '@sandogh/core';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { findAccount, utcInstant, type AccountRecord } from './accounts.js';
import { accessDb } from './tables.js';

/**
 * Server-side sessions (issue 3). The token is 256 random bits, handed to the client once (in
 * an http-only cookie, or to an API client as a bearer token); the store keeps only its SHA-256,
 * so a copy of the database opens no session. A session ends on sign-out, on "sign out
 * everywhere", when its account is disabled, after `idleMs` without a request, and at
 * `absoluteMs` after sign-in whatever the activity (docs/SECURITY.md "Sessions").
 */
export interface SessionTimeouts {
  readonly idleMs: number;
  readonly absoluteMs: number;
}

export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = {
  idleMs: 15 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
};

/**
 * `last_seen_at` is written at most this often: a read request then costs no write, and the
 * idle timeout is honoured to within this much (a session idle for 15 min ends between 14 and
 * 15 minutes after the last request).
 */
export const TOUCH_INTERVAL_MS = 60_000;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionIdHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeSessionToken(token: string): boolean {
  return TOKEN.test(token);
}

export interface OpenedSession {
  readonly token: string;
  readonly expiresAt: string;
}

/** Opens a session inside the caller's transaction (or on the store's connection). */
export async function openSession(
  db: Kysely<Database>,
  accountId: string,
  nowMs: number,
  timeouts: SessionTimeouts,
  source: string,
): Promise<OpenedSession> {
  const token = newSessionToken();
  const expiresAt = utcInstant(nowMs + timeouts.absoluteMs);
  await accessDb(db)
    .insertInto('sessions')
    .values({
      id_hash: sessionIdHash(token),
      account_id: accountId,
      created_at: utcInstant(nowMs),
      last_seen_at: utcInstant(nowMs),
      expires_at: expiresAt,
      source: source.slice(0, 100),
    })
    .execute();
  return { token, expiresAt };
}

export interface LiveSession {
  readonly idHash: string;
  readonly account: AccountRecord;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** Why a presented token opens nothing: never issued or already ended, idle, past its end, disabled. */
export type SessionRefusal = 'unknown' | 'idle' | 'expired' | 'disabled';

/**
 * The session a token opens, or why it opens none (with the account, when there is one, for
 * the audit log). An idle, expired or disabled session is deleted on the spot, so the same
 * token is `unknown` from then on.
 */
export async function authenticateSession(
  store: Store,
  token: string,
  nowMs: number,
  timeouts: SessionTimeouts,
): Promise<Result<LiveSession, { why: SessionRefusal; account?: AccountRecord }>> {
  if (!looksLikeSessionToken(token)) return err({ why: 'unknown' });
  const adb = accessDb(store.db);
  const idHash = sessionIdHash(token);
  const row = await adb
    .selectFrom('sessions')
    .selectAll()
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
  if (row === undefined) return err({ why: 'unknown' });
  const account = await findAccount(store.db, { id: row.account_id });
  let refusal: SessionRefusal | undefined;
  if (account === undefined || account.disabled) refusal = 'disabled';
  else if (nowMs >= Date.parse(row.expires_at)) refusal = 'expired';
  else if (nowMs - Date.parse(row.last_seen_at) >= timeouts.idleMs) refusal = 'idle';
  if (refusal !== undefined || account === undefined) {
    await adb.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return err(
      account === undefined ? { why: 'disabled' } : { why: refusal ?? 'disabled', account },
    );
  }
  if (nowMs - Date.parse(row.last_seen_at) >= TOUCH_INTERVAL_MS)
    await adb
      .updateTable('sessions')
      .set({ last_seen_at: utcInstant(nowMs) })
      .where('id_hash', '=', idHash)
      .execute();
  return ok({ idHash, account, createdAt: row.created_at, expiresAt: row.expires_at });
}

/** Ends one session; true when it existed. */
export async function endSession(db: Kysely<Database>, idHash: string): Promise<boolean> {
  const done = await accessDb(db)
    .deleteFrom('sessions')
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
  return done.numDeletedRows > 0n;
}

/** Ends every session of an account but `keep`; the number ended. */
export async function endAccountSessions(
  db: Kysely<Database>,
  accountId: string,
  keep?: string,
): Promise<number> {
  let query = accessDb(db).deleteFrom('sessions').where('account_id', '=', accountId);
  if (keep !== undefined) query = query.where('id_hash', '<>', keep);
  const done = await query.executeTakeFirst();
  return Number(done.numDeletedRows);
}

/** Deletes sessions past either timeout (run now and then: they are refused anyway). */
export async function purgeEndedSessions(
  store: Store,
  nowMs: number,
  timeouts: SessionTimeouts,
): Promise<number> {
  const done = await accessDb(store.db)
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', utcInstant(nowMs)),
        eb('last_seen_at', '<=', utcInstant(nowMs - timeouts.idleMs)),
      ]),
    )
    .executeTakeFirst();
  return Number(done.numDeletedRows);
}
