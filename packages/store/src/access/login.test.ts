import { expect, it } from 'vitest';
import { electionHash, LOCKOUT } from '@sandogh/core';
import { loadDefinition } from '../definition/load.js';
import { describeEachEngine } from '../testing/engines.js';
import { tinyDefinition } from '../testing/tinyDefinition.js';
import { findAccount } from './accounts.js';
import { changeOwnPassword, setAccountDisabled } from './admin.js';
import { issueAccount } from './issue.js';
import { attemptLogin, type LoginSettings } from './login.js';
import { parsePasswordHash } from './password.js';
import {
  authenticateSession,
  DEFAULT_SESSION_TIMEOUTS,
  endAccountSessions,
  endSession,
  purgeEndedSessions,
  sessionIdHash,
  TOUCH_INTERVAL_MS,
} from './sessions.js';
import { totpCode } from './totp.js';

const START = Date.parse('2024-05-10T04:00:00.000Z');
const FAST = { logN: 8, r: 8, p: 1 };
const PASSWORD = 'a long and good password';
const timeouts = DEFAULT_SESSION_TIMEOUTS;

describeEachEngine('signing in and sessions', (ctx) => {
  let now = START;
  const settings = (): LoginSettings => ({
    nowMs: now,
    timeouts,
    passwordParams: FAST,
    electionId: 'majlis-12-test',
  });

  async function account(username = 'chair-1') {
    const d = tinyDefinition();
    await loadDefinition(ctx.store, d, electionHash(d));
    const made = await issueAccount(
      ctx.store,
      {
        username,
        name: { fa: 'رئیس', en: 'Chair' },
        role: 'branch-trustee',
        scope: { kind: 'branches', branchIds: ['b-0001'] },
        electionId: d.election.id,
        trusteeRole: 'chair',
      },
      { nowMs: now, password: PASSWORD, params: FAST },
    );
    if (!made.ok) throw new Error(made.error.code);
    return made.value;
  }
  const code = (secret: string, at = now) => totpCode(secret, at) ?? '';
  const login = (username: string, password: string, totp: string) =>
    attemptLogin(ctx.store, { username, password, code: totp, source: '127.0.0.1' }, settings());

  it('opens a session for the right password and code, and the session authenticates', async () => {
    now = START;
    const issued = await account();
    const done = await login('Chair-1', PASSWORD, code(issued.totpSecret));
    if (!done.ok) throw new Error(done.error.why);
    expect(done.value.account.scope).toEqual({ kind: 'branches', branchIds: ['b-0001'] });
    const live = await authenticateSession(ctx.store, done.value.session.token, now, timeouts);
    expect(live.ok && live.value.account.username).toBe('chair-1');
    expect(done.value.session.expiresAt).toBe(new Date(now + timeouts.absoluteMs).toISOString());
  });

  it('says only which factor failed to the caller that asks, and never accepts a code twice', async () => {
    now = START;
    const issued = await account();
    const right = code(issued.totpSecret);
    const wrongCode = right === '000000' ? '111111' : '000000';
    const fail = async (u: string, p: string, c: string) => {
      const r = await login(u, p, c);
      return r.ok ? 'ok' : r.error.why;
    };
    expect(await fail('nobody', PASSWORD, right)).toBe('unknown-account');
    expect(await fail('chair-1', 'wrong password!', right)).toBe('wrong-password');
    expect(await fail('chair-1', PASSWORD, wrongCode)).toBe('wrong-code');
    expect(await fail('chair-1', PASSWORD, right)).toBe('ok');
    expect(await fail('chair-1', PASSWORD, right)).toBe('replayed-code');
    now += 30_000;
    // The previous step's code is still inside the window, and still refused: it was used.
    expect(await fail('chair-1', PASSWORD, right)).toBe('replayed-code');
    expect(await fail('chair-1', PASSWORD, code(issued.totpSecret))).toBe('ok');
  });

  it('locks after five failures for a minute, doubles, and recovers', async () => {
    now = START;
    const issued = await account();
    for (let i = 1; i <= LOCKOUT.threshold; i += 1) {
      const r = await login('chair-1', 'wrong password!', code(issued.totpSecret));
      expect(!r.ok && r.error.why).toBe('wrong-password');
      const locked = !r.ok && 'lockedUntil' in r.error ? r.error.lockedUntil : undefined;
      expect(locked).toBe(i < LOCKOUT.threshold ? undefined : new Date(now + 60_000).toISOString());
    }
    const whileLocked = await login('chair-1', PASSWORD, code(issued.totpSecret));
    expect(!whileLocked.ok && whileLocked.error).toMatchObject({
      why: 'locked',
      retryAfterSeconds: 60,
    });
    now += 61_000;
    const again = await login('chair-1', 'still wrong!!', code(issued.totpSecret));
    expect(!again.ok && 'lockedUntil' in again.error && again.error.lockedUntil).toBe(
      new Date(now + 120_000).toISOString(),
    );
    now += 121_000;
    const back = await login('chair-1', PASSWORD, code(issued.totpSecret));
    expect(back.ok).toBe(true);
    expect(back.ok && back.value.wasLockedUntil).toBeTruthy();
    expect(await findAccount(ctx.store.db, { username: 'chair-1' })).toMatchObject({
      failedLogins: 0,
      lockedUntil: null,
    });
  });

  it('refuses a disabled account even with the right credentials, and ends its sessions', async () => {
    now = START;
    const issued = await account();
    const done = await login('chair-1', PASSWORD, code(issued.totpSecret));
    if (!done.ok) throw new Error(done.error.why);
    const off = await setAccountDisabled(ctx.store, 'chair-1', true);
    expect(off.ok && off.value.sessionsEnded).toBe(1);
    const gone = await authenticateSession(ctx.store, done.value.session.token, now, timeouts);
    expect(!gone.ok && gone.error.why).toBe('unknown');
    now += 30_000;
    const refused = await login('chair-1', PASSWORD, code(issued.totpSecret));
    expect(!refused.ok && refused.error.why).toBe('disabled');
  });

  it('ends sessions when idle, at their absolute end, on sign-out and everywhere', async () => {
    now = START;
    const issued = await account();
    const open = async () => {
      now += 30_000;
      const r = await login('chair-1', PASSWORD, code(issued.totpSecret));
      if (!r.ok) throw new Error(r.error.why);
      return r.value.session.token;
    };
    const idle = await open();
    expect((await authenticateSession(ctx.store, idle, now + timeouts.idleMs, timeouts)).ok).toBe(
      false,
    );
    const again = await authenticateSession(ctx.store, idle, now, timeouts);
    expect(!again.ok && again.error.why).toBe('unknown');

    const busy = await open();
    const opened = now;
    let at = opened;
    while (at + timeouts.idleMs / 2 < opened + timeouts.absoluteMs) {
      at += timeouts.idleMs / 2;
      const live = await authenticateSession(ctx.store, busy, at, timeouts);
      if (at < opened + timeouts.absoluteMs) expect(live.ok, new Date(at).toISOString()).toBe(true);
    }
    const late = await authenticateSession(ctx.store, busy, opened + timeouts.absoluteMs, timeouts);
    expect(!late.ok && late.error).toMatchObject({
      why: 'expired',
      account: { username: 'chair-1' },
    });

    const a = await open();
    const b = await open();
    expect(await endSession(ctx.store.db, sessionIdHash(a))).toBe(true);
    expect((await authenticateSession(ctx.store, a, now, timeouts)).ok).toBe(false);
    expect((await authenticateSession(ctx.store, b, now, timeouts)).ok).toBe(true);
    const c = await open();
    const account1 = await findAccount(ctx.store.db, { username: 'chair-1' });
    expect(await endAccountSessions(ctx.store.db, account1?.id ?? '')).toBe(2);
    for (const token of [b, c])
      expect((await authenticateSession(ctx.store, token, now, timeouts)).ok).toBe(false);
    expect(await authenticateSession(ctx.store, 'not a token', now, timeouts)).toEqual({
      ok: false,
      error: { why: 'unknown' },
    });
  });

  it('writes last-seen at most once a minute, and purges ended sessions', async () => {
    now = START;
    const issued = await account();
    const r = await login('chair-1', PASSWORD, code(issued.totpSecret));
    if (!r.ok) throw new Error(r.error.why);
    const token = r.value.session.token;
    expect(
      (await authenticateSession(ctx.store, token, now + TOUCH_INTERVAL_MS - 1, timeouts)).ok,
    ).toBe(true);
    // Not touched: idle is still counted from the sign-in.
    expect((await authenticateSession(ctx.store, token, now + timeouts.idleMs, timeouts)).ok).toBe(
      false,
    );
    now += 60_000;
    const r2 = await login('chair-1', PASSWORD, code(issued.totpSecret));
    expect(r2.ok).toBe(true);
    expect(await purgeEndedSessions(ctx.store, now + timeouts.absoluteMs, timeouts)).toBe(1);
  });

  it('changes a password: the current one must be right, the new one strong; other sessions end', async () => {
    now = START;
    const issued = await account();
    const r = await login('chair-1', PASSWORD, code(issued.totpSecret));
    if (!r.ok) throw new Error(r.error.why);
    now += 30_000;
    const other = await login('chair-1', PASSWORD, code(issued.totpSecret));
    if (!other.ok) throw new Error(other.error.why);
    const id = r.value.account.id;
    const keep = sessionIdHash(r.value.session.token);
    const opts = { nowMs: now, params: { logN: 9, r: 8, p: 1 }, keepSession: keep };
    const wrong = await changeOwnPassword(
      ctx.store,
      id,
      'not it at all',
      'a brand new passphrase',
      opts,
    );
    expect(!wrong.ok && wrong.error.why).toBe('wrong-password');
    const weak = await changeOwnPassword(ctx.store, id, PASSWORD, 'short', opts);
    expect(!weak.ok && weak.error.why).toBe('weak');
    const done = await changeOwnPassword(ctx.store, id, PASSWORD, 'a brand new passphrase', opts);
    expect(done).toEqual({ ok: true, value: { sessionsEnded: 1 } });
    expect((await authenticateSession(ctx.store, r.value.session.token, now, timeouts)).ok).toBe(
      true,
    );
    expect(
      (await authenticateSession(ctx.store, other.value.session.token, now, timeouts)).ok,
    ).toBe(false);
    const stored = await findAccount(ctx.store.db, { id });
    expect(parsePasswordHash(stored?.passwordHash ?? '')?.params.logN).toBe(9);
  });

  it('raises a weaker stored hash to the current parameters at sign-in', async () => {
    now = START;
    const issued = await account();
    const r = await attemptLogin(
      ctx.store,
      { username: 'chair-1', password: PASSWORD, code: code(issued.totpSecret), source: '::1' },
      { ...settings(), passwordParams: { logN: 9, r: 8, p: 1 } },
    );
    expect(r.ok).toBe(true);
    const stored = await findAccount(ctx.store.db, { username: 'chair-1' });
    expect(parsePasswordHash(stored?.passwordHash ?? '')?.params.logN).toBe(9);
  });
});
