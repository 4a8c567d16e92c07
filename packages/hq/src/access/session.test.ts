import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { electionHash, sampleDefinition, type AuditEntryInput, type Problem } from '@sandogh/core';
import { listAuditEntries, loadDefinition, totpCode } from '@sandogh/store';
import { describeEachEngine } from '@sandogh/store/testing';
import {
  accessTestServer,
  createTestAccount,
  loginAs,
  loginOverHttp,
  sessionFor,
  type TestCredentials,
} from './testing.js';

/**
 * Sign-in abuse and session life (issue 3 "Done when": wrong passwords, wrong TOTP, replayed
 * sessions, cross-site requests are refused and logged; lockout works and recovers), through
 * the real HTTP routes, with a clock the test moves.
 */
describeEachEngine(
  'signing in, sessions and their abuse',
  (ctx) => {
    let app: FastifyInstance;
    let now = Date.parse('2024-05-10T04:00:00.000Z');
    const tap: AuditEntryInput[] = [];
    const entries = (action: string) => tap.filter((e) => e.action === action);
    const problemOf = (body: unknown) => body as Problem;

    beforeAll(async () => {
      const d = sampleDefinition({ branches: 4 });
      expect((await loadDefinition(ctx.store, d, electionHash(d))).ok).toBe(true);
      app = await accessTestServer(ctx.store, {
        clock: () => now,
        auditTap: (e) => tap.push(e),
        config: { loginRateLimitPerMinute: 10_000, loginUsernameRateLimitPerMinute: 10_000 },
      });
    });
    afterAll(async () => {
      await app.close();
    });
    beforeEach(() => {
      now += 60 * 60_000;
      tap.length = 0;
    });

    const chair = () =>
      createTestAccount(
        app,
        'branch-trustee',
        { kind: 'branches', branchIds: ['0001'] },
        { trusteeRole: 'chair' },
      );

    it('signs in with password and TOTP: a Secure, HttpOnly, SameSite=Strict cookie and the CSRF token', async () => {
      const creds = await chair();
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/session/login',
        payload: {
          username: creds.username.toUpperCase(),
          password: creds.password,
          totp: totpCode(creds.totpSecret, now),
        },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === '__Host-sandogh-session');
      expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
      expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(res.headers['cache-control']).toBe('no-store');
      const body = res.json<{
        csrfToken: string;
        account: Record<string, unknown>;
        token?: string;
      }>();
      expect(body.token).toBeUndefined();
      expect(body.account).toMatchObject({ role: 'branch-trustee', trusteeRole: 'chair' });
      expect(JSON.stringify(body)).not.toMatch(/scrypt|totpSecret/);
      const me = await app.inject({
        url: '/api/v1/session/me',
        headers: { cookie: `__Host-sandogh-session=${cookie?.value ?? ''}` },
      });
      expect(me.json()).toMatchObject({
        csrfToken: body.csrfToken,
        account: { username: creds.username },
      });
      expect(entries('access.login.succeeded')).toHaveLength(1);
      expect(entries('access.login.succeeded')[0]?.actor).toMatchObject({
        kind: 'staff',
        id: creds.username,
        role: 'branch-trustee',
        scope: 'branch:0001',
      });
      // End to end: the entry is in the hash-chained log itself.
      const logged = await listAuditEntries(ctx.store, {
        action: 'access.login.succeeded',
        actorId: creds.username,
      });
      expect(logged.entries).toHaveLength(1);
    });

    it('gives an API client a bearer token instead of a cookie', async () => {
      const creds = await chair();
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/session/login',
        payload: {
          username: creds.username,
          password: creds.password,
          totp: totpCode(creds.totpSecret, now),
          bearer: true,
        },
      });
      const { token } = res.json<{ token: string }>();
      expect(res.cookies).toHaveLength(0);
      const me = await app.inject({
        url: '/api/v1/session/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(me.statusCode).toBe(200);
    });

    it('refuses a wrong password, a wrong code and an unknown user alike, and records why', async () => {
      const creds = await chair();
      const right = totpCode(creds.totpSecret, now) ?? '';
      const wrong = right === '000000' ? '111111' : '000000';
      for (const [username, password, code] of [
        [creds.username, 'not the password', right],
        [creds.username, creds.password, wrong],
        ['nobody-here', creds.password, right],
      ] as const) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/session/login',
          payload: { username, password, totp: code },
        });
        expect(res.statusCode).toBe(401);
        expect(problemOf(res.json()).code).toBe('ACCESS_LOGIN_FAILED');
        expect(res.cookies).toHaveLength(0);
      }
      const failed = entries('access.login.failed');
      expect(failed.map((e) => e.details?.['why'])).toEqual([
        'wrong-password',
        'wrong-code',
        'unknown-account',
      ]);
      expect(failed.map((e) => e.actor.kind)).toEqual(['staff', 'staff', 'anonymous']);
      expect(failed.every((e) => e.reason === 'ACCESS_LOGIN_FAILED')).toBe(true);
      expect(JSON.stringify(failed)).not.toContain(creds.password);
    });

    it('refuses a TOTP code that was used once already, within its window', async () => {
      const creds = await chair();
      const code = totpCode(creds.totpSecret, now) ?? '';
      expect((await loginOverHttp(app, creds, { code })).statusCode).toBe(200);
      now += 20_000;
      const replay = await loginOverHttp(app, creds, { code });
      expect(replay.statusCode).toBe(401);
      expect(entries('access.login.failed').at(-1)?.details?.['why']).toBe('replayed-code');
      now += 30_000;
      expect((await loginOverHttp(app, creds)).statusCode).toBe(200);
    });

    it('locks after five failures, refuses even the right credentials while locked, backs off, and recovers', async () => {
      const creds = await chair();
      for (let i = 0; i < 5; i += 1)
        expect((await loginOverHttp(app, creds, { password: 'wrong password!' })).statusCode).toBe(
          401,
        );
      expect(entries('access.login.locked')).toHaveLength(1);
      const locked = await loginOverHttp(app, creds);
      expect(locked.statusCode).toBe(429);
      expect(problemOf(locked.body)).toMatchObject({
        code: 'ACCESS_ACCOUNT_LOCKED',
        details: { seconds: 60 },
      });
      now += 61_000;
      expect((await loginOverHttp(app, creds, { password: 'wrong again!!' })).statusCode).toBe(401);
      expect(entries('access.login.locked').at(-1)?.details?.['until']).toBe(
        new Date(now + 120_000).toISOString(),
      );
      now += 121_000;
      const back = await loginOverHttp(app, creds);
      expect(back.statusCode).toBe(200);
      expect(entries('access.login.unlocked')).toHaveLength(1);
    });

    it('lets HQ staff lift a lockout at once', async () => {
      const creds = await chair();
      for (let i = 0; i < 5; i += 1)
        await loginOverHttp(app, creds, { password: 'wrong password!' });
      const hq = await loginAs(app, 'hq-staff');
      const unlock = await app.inject({
        method: 'POST',
        url: `/api/v1/staff/accounts/${creds.username}/unlock`,
        headers: hq.headers,
      });
      expect(unlock.statusCode).toBe(200);
      expect((await loginOverHttp(app, creds)).statusCode).toBe(200);
    });

    it('refuses a session cookie after sign-out, after idling and past its end, and records each', async () => {
      const creds = await chair();
      const me = (headers: Record<string, string>) =>
        app.inject({ url: '/api/v1/session/me', headers });
      const a = await loginOverHttp(app, creds);
      const session = a.session;
      if (session === undefined) throw new Error('no session');
      const out = await app.inject({
        method: 'POST',
        url: '/api/v1/session/logout',
        headers: session.headers,
      });
      expect(out.statusCode).toBe(200);
      expect(out.cookies.find((c) => c.name === '__Host-sandogh-session')?.value).toBe('');
      const replayed = await me(session.headers);
      expect(replayed.statusCode).toBe(401);
      expect(problemOf(replayed.json()).code).toBe('ACCESS_SESSION_ENDED');

      const idle = await sessionFor(app, creds.account);
      now += 15 * 60_000;
      expect((await me(idle.headers)).statusCode).toBe(401);
      expect(entries('access.session.ended').at(-1)?.details?.['why']).toBe('idle');

      const busy = await sessionFor(app, creds.account);
      const end = now + 12 * 60 * 60_000;
      while (now + 10 * 60_000 < end) {
        now += 10 * 60_000;
        expect((await me(busy.headers)).statusCode).toBe(200);
      }
      now = end;
      expect((await me(busy.headers)).statusCode).toBe(401);
      expect(entries('access.session.ended').at(-1)?.details?.['why']).toBe('absolute');
      const refusals = entries('access.refused').filter((e) => e.reason === 'ACCESS_SESSION_ENDED');
      expect(refusals.map((e) => e.details?.['why'])).toEqual([
        'session unknown',
        'session idle',
        'session expired',
      ]);
    });

    it('signs out everywhere', async () => {
      const creds = await chair();
      const one = await sessionFor(app, creds.account);
      const two = await sessionFor(app, creds.account);
      const all = await app.inject({
        method: 'POST',
        url: '/api/v1/session/logout-all',
        headers: one.headers,
      });
      expect(all.json()).toEqual({ ended: 2 });
      for (const s of [one, two])
        expect(
          (await app.inject({ url: '/api/v1/session/me', headers: s.headers })).statusCode,
        ).toBe(401);
    });

    it('refuses a cross-site state change: no CSRF token, a wrong one, another origin; a bearer client needs none', async () => {
      const creds = await chair();
      const s = await sessionFor(app, creds.account);
      const cookie = { cookie: s.headers['cookie'] ?? '' };
      const logout = (headers: Record<string, string>) =>
        app.inject({ method: 'POST', url: '/api/v1/session/logout', headers });
      for (const headers of [
        cookie,
        { ...cookie, 'x-csrf-token': 'forged' },
        { ...s.headers, origin: 'https://evil.example' },
        { ...s.headers, 'sec-fetch-site': 'cross-site' },
      ]) {
        const res = await logout(headers);
        expect(res.statusCode).toBe(403);
        expect(problemOf(res.json()).code).toBe('ACCESS_CSRF_REFUSED');
      }
      const csrf = entries('access.refused').filter((e) => e.reason === 'ACCESS_CSRF_REFUSED');
      expect(csrf.map((e) => e.details?.['why'])).toEqual([
        'csrf token missing',
        'csrf token wrong',
        'origin foreign',
        'sec-fetch-site cross-site',
      ]);
      expect((await app.inject({ url: '/api/v1/session/me', headers: cookie })).statusCode).toBe(
        200,
      );
      expect((await logout({ ...s.headers, origin: 'http://localhost:80' })).statusCode).toBe(200);
      const api = await sessionFor(app, creds.account);
      expect((await logout(api.bearer)).statusCode).toBe(200);
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/session/login',
        headers: { origin: 'https://evil.example' },
        payload: {
          username: creds.username,
          password: creds.password,
          totp: totpCode(creds.totpSecret, now),
        },
      });
      expect(problemOf(login.json()).code).toBe('ACCESS_CSRF_REFUSED');
    });

    it('asks for the initial password to be changed before anything else', async () => {
      const creds: TestCredentials = await createTestAccount(app, 'hq-staff', undefined, {
        mustChangePassword: true,
      });
      const s = await sessionFor(app, creds.account);
      const blocked = await app.inject({ url: '/api/v1/election/definition', headers: s.headers });
      expect(problemOf(blocked.json()).code).toBe('ACCESS_PASSWORD_CHANGE_REQUIRED');
      const weak = await app.inject({
        method: 'POST',
        url: '/api/v1/session/password',
        headers: s.headers,
        payload: { currentPassword: creds.password, newPassword: 'short' },
      });
      expect(problemOf(weak.json()).code).toBe('ACCESS_PASSWORD_WEAK');
      const changed = await app.inject({
        method: 'POST',
        url: '/api/v1/session/password',
        headers: s.headers,
        payload: { currentPassword: creds.password, newPassword: 'a much better passphrase' },
      });
      expect(changed.statusCode).toBe(200);
      expect(entries('access.credentials.changed')).toHaveLength(1);
      const fresh = await sessionFor(app, { ...creds.account, passwordMustChange: false });
      expect(
        (await app.inject({ url: '/api/v1/election/definition', headers: fresh.headers }))
          .statusCode,
      ).toBe(200);
    });

    it('ends every session of an account HQ staff disable, and refuses its sign-in', async () => {
      const creds = await chair();
      const s = await sessionFor(app, creds.account);
      const hq = await loginAs(app, 'hq-staff');
      const off = await app.inject({
        method: 'POST',
        url: `/api/v1/staff/accounts/${creds.username}/disable`,
        headers: hq.headers,
      });
      expect(off.json()).toMatchObject({ sessionsEnded: 1, account: { disabled: true } });
      expect((await app.inject({ url: '/api/v1/session/me', headers: s.headers })).statusCode).toBe(
        401,
      );
      const again = await loginOverHttp(app, creds);
      expect(problemOf(again.body).code).toBe('ACCESS_ACCOUNT_DISABLED');
      expect(entries('access.account.disabled')).toHaveLength(1);
    });
  },
  { isolation: 'file' },
);
