import { afterEach, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { sampleDefinition, type AuditEntryInput, type Problem } from '@sandogh/core';
import { totpCode } from '@sandogh/store';
import { openTestStore, type TestStore } from '@sandogh/store/testing';
import { hqConfigSchema } from '../config.js';
import { openHqAudit } from '../audit/index.js';
import { problems } from '../plugins/problems.js';
import { access } from './plugin.js';
import { accessTestServer, createTestAccount, loginAs } from './testing.js';

/**
 * Hardening (issue 3): security headers, rate limits on sign-in and public routes, size limits,
 * nothing secret or personal in the log, and "nobody" for a route that declares no action.
 * One engine suffices: none of this touches SQL beyond what the two-engine suites cover.
 */
describe('hardening of the HQ', () => {
  let store: TestStore | undefined;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    await store?.dispose();
    app = undefined;
    store = undefined;
  });

  async function server(
    config: Parameters<typeof accessTestServer>[1] = {},
  ): Promise<FastifyInstance> {
    store = await openTestStore('sqlite');
    app = await accessTestServer(store.store, config);
    return app;
  }

  it('sends security headers: a closed CSP on the API, a CSP that lets the Swagger UI run at /docs', async () => {
    const hq = await server();
    const api = await hq.inject('/health');
    expect(api.headers['content-security-policy']).toBe(
      "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
    );
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['strict-transport-security']).toMatch(/max-age=31536000; includeSubDomains/);
    expect(api.headers['referrer-policy']).toBe('no-referrer');
    expect(api.headers['x-frame-options']).toBe('SAMEORIGIN');
    const docs = await hq.inject('/docs/');
    const csp = String(docs.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(docs.statusCode).toBe(200);
    const refused = await hq.inject('/api/v1/election/definition');
    expect(refused.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('limits sign-in attempts per address and per username, and public routes per address', async () => {
    const taps: AuditEntryInput[] = [];
    const hq = await server({
      auditTap: (e) => taps.push(e),
      config: {
        loginRateLimitPerMinute: 4,
        loginUsernameRateLimitPerMinute: 2,
        publicRateLimitPerMinute: 3,
      },
    });
    const attempt = (username: string) =>
      hq.inject({
        method: 'POST',
        url: '/api/v1/session/login',
        payload: { username, password: 'guess guess guess', totp: '123456' },
      });
    expect((await attempt('ali')).statusCode).toBe(401);
    expect((await attempt('ali')).statusCode).toBe(401);
    const perUser = await attempt('ali');
    expect(perUser.statusCode).toBe(429);
    expect(perUser.json<Problem>().code).toBe('HTTP_RATE_LIMITED');
    expect(taps.at(-1)).toMatchObject({
      action: 'access.login.failed',
      reason: 'HTTP_RATE_LIMITED',
    });
    expect((await attempt('reza')).statusCode).toBe(401);
    const perAddress = await attempt('sara');
    expect(perAddress.statusCode).toBe(429);
    expect(perAddress.headers['retry-after']).toBeDefined();
    for (let i = 0; i < 3; i += 1) expect((await hq.inject('/health')).statusCode).toBe(200);
    const limited = await hq.inject('/health');
    expect(limited.statusCode).toBe(429);
    expect(limited.json<Problem>().code).toBe('HTTP_RATE_LIMITED');
  });

  it('refuses an oversized sign-in, and an anonymous upload before reading it', async () => {
    const hq = await server();
    const big = await hq.inject({
      method: 'POST',
      url: '/api/v1/session/login',
      payload: { username: 'a', password: 'x'.repeat(10_000), totp: '123456' },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json<Problem>().code).toBe('INPUT_TOO_LARGE');
    const upload = await hq.inject({
      method: 'PUT',
      url: '/api/v1/election',
      payload: JSON.stringify(sampleDefinition({ branches: 2_000 })),
      headers: { 'content-type': 'application/json' },
    });
    expect(upload.statusCode).toBe(401);
    expect(upload.json<Problem>().code).toBe('ACCESS_NOT_SIGNED_IN');
  });

  it('keeps passwords, codes, tokens and query strings out of the log', async () => {
    const lines: string[] = [];
    const hq = await server({ logStream: { write: (line) => lines.push(line) } });
    const password = 'Sekr3t-passphrase-nobody-guesses';
    const creds = await createTestAccount(hq, 'hq-staff', undefined, { password });
    const code = totpCode(creds.totpSecret, Date.now()) ?? '';
    const res = await hq.inject({
      method: 'POST',
      url: '/api/v1/session/login',
      payload: { username: creds.username, password, totp: code, bearer: true },
    });
    expect(res.statusCode).toBe(200);
    const { token, csrfToken } = res.json<{ token: string; csrfToken: string }>();
    await hq.inject({
      method: 'POST',
      url: '/api/v1/session/login',
      payload: { username: creds.username, password: `${password}-wrong`, totp: code },
    });
    await hq.inject({
      url: '/api/v1/branches?zoneId=Z01&nationalCode=0012345679',
      headers: { authorization: `Bearer ${token}`, cookie: `sandogh=${token}` },
    });
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(4);
    expect(log).toContain('/api/v1/session/login');
    for (const secret of [password, code, token, csrfToken, creds.totpSecret, '0012345679'])
      expect(log, secret).not.toContain(secret);
  });

  it('refuses to everyone a route that declares no action ("nobody")', async () => {
    store = await openTestStore('sqlite');
    const config = hqConfigSchema.parse({ databaseUrl: 'sqlite::memory:' });
    const ctx = {
      store: store.store,
      draining: () => false,
      audit: openHqAudit(store.store, 'sqlite::memory:', { checkpointIntervalMs: 0 }),
    };
    const bare = Fastify();
    await bare.register(problems);
    await bare.register(access, { ctx, config });
    bare.get('/forgotten', () => ({ leaked: true }));
    bare.get('/declared', { config: { action: 'health.read' } }, () => ({ ok: true }));
    await bare.ready();
    app = bare;
    const hq = await loginAs(bare, 'hq-staff');
    for (const headers of [{}, hq.headers]) {
      const res = await bare.inject({ url: '/forgotten', headers });
      expect(res.statusCode).toBe(403);
      expect(res.json<Problem>().code).toBe('ACCESS_NO_POLICY');
    }
    expect((await bare.inject('/declared')).statusCode).toBe(200);
    expect(bare.accessControl.routes().map((r) => [r.url, r.action])).toEqual([
      ['/forgotten', undefined],
      ['/forgotten', undefined],
      ['/declared', 'health.read'],
      ['/declared', 'health.read'],
    ]);
    const typo = Fastify();
    await typo.register(problems);
    await typo.register(access, { ctx, config });
    // A misspelt action fails to compile; forced past the compiler, it fails at start-up.
    expect(() =>
      typo.get('/typo', { config: { action: 'health.raed' as 'health.read' } }, () => 1),
    ).toThrow(/not a policy action/);
    await typo.close();
  });
});
