import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openTestStore, type TestStore } from '@sandogh/store/testing';
import { loginAs } from '../access/testing.js';
import { testServer } from '../testing.js';

const PAGE = '<!doctype html><html lang="fa" dir="rtl"><title>صندوق</title></html>';

describe('the web app served by the HQ', () => {
  let test: TestStore;
  let app: FastifyInstance;
  let bare: FastifyInstance;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-webdir-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), PAGE);
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
    writeFileSync(join(dir, '.env'), 'SECRET=1');
    test = await openTestStore('sqlite');
    app = await testServer(test.store, { webDir: dir });
    bare = await testServer(test.store);
  });
  afterAll(async () => {
    await app.close();
    await bare.close();
    await test.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page at / with a policy that allows its own scripts and styles only', async () => {
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toBe(PAGE);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it("answers the app's own screens with the page, so a reload or a link works", async () => {
    for (const path of ['/audit', '/track', '/overview?x=1', '/sign-in/']) {
      const res = await app.inject(path);
      expect(res.statusCode, path).toBe(200);
      expect(res.body, path).toBe(PAGE);
    }
  });

  it('serves built assets for good, and refuses a missing one in the one error shape', async () => {
    const js = await app.inject('/assets/index-abc123.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await app.inject('/')).headers['cache-control']).toBe('no-cache');
    const missing = await app.inject('/assets/nothing.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'HTTP_NOT_FOUND' });
  });

  it('never serves a dotfile or a file outside its folder', async () => {
    for (const path of ['/.env', '/..%2f..%2fetc%2fpasswd.txt', '/assets/..%2f..%2fpackage.json']) {
      const res = await app.inject(path);
      // A dotfile has no extension, so it reads as one of the app's screens: the page.
      if (res.statusCode === 200) expect(res.body, path).toBe(PAGE);
      else expect(res.statusCode, path).toBeGreaterThanOrEqual(400);
      expect(res.body, path).not.toContain('SECRET');
      expect(res.body, path).not.toContain('"name"');
    }
  });

  it('leaves the API as it was: unknown API paths stay 404 and the API keeps its own policy', async () => {
    const unknown = await app.inject('/api/v1/no-such-route');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'HTTP_NOT_FOUND' });
    const health = await app.inject('/health');
    expect(health.json()).toEqual({ status: 'ok' });
    expect(String(health.headers['content-security-policy'])).toContain("default-src 'none'");
    const hq = await loginAs(app, 'hq-staff');
    const mine = await app.inject({ url: '/api/v1/session/me', headers: hq.headers });
    expect(mine.statusCode).toBe(200);
  });

  it('keeps the app out of the API document', async () => {
    const doc = (await app.inject('/docs/json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).not.toContain('/');
    expect(Object.keys(doc.paths)).not.toContain('/*');
  });

  it('serves no app when none is configured or built', async () => {
    expect((await bare.inject('/')).statusCode).toBe(404);
    const missing = await testServer(test.store, { webDir: join(dir, 'not-built') });
    expect((await missing.inject('/')).statusCode).toBe(404);
    await missing.close();
  });
});
