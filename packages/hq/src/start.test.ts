import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { sampleDefinition } from '@sandogh/core';
import { openTestStore, type TestStore } from '@sandogh/store/testing';
import { hqConfigFromEnv, parseHqConfig } from './config.js';
import { startHq } from './start.js';
import { loginAs } from './access/testing.js';

function put(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => {
          resolve(res.statusCode ?? 0);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the HQ process', () => {
  let test: TestStore | undefined;
  afterEach(async () => {
    await test?.dispose();
    test = undefined;
  });

  it('finishes an in-flight request before it stops, then refuses new ones', async () => {
    test = await openTestStore('sqlite');
    const config = parseHqConfig({ databaseUrl: 'sqlite::memory:', port: 0, logLevel: 'silent' });
    if (!config.ok) throw new Error('config');
    const hq = await startHq(config.value, { store: test.store, signals: false });
    const big = JSON.stringify(sampleDefinition({ branches: 6_000 }));
    // An API client: the bearer token of an HQ staff session.
    const { bearer } = await loginAs(hq.app, 'hq-staff');
    let answered = false;
    // Arrived: past the draining check (it runs as the request event is handled).
    const arrived = new Promise((r) => hq.app.server.once('request', r));
    const inFlight = put(`${hq.url}/api/v1/election`, big, bearer).finally(() => {
      answered = true;
    });
    await arrived;
    await new Promise((r) => setTimeout(r, 250));
    expect(answered).toBe(false); // still being validated and loaded when shutdown begins
    const stopping = hq.app.close();
    expect(await inFlight).toBe(201);
    await stopping;
    await expect(put(`${hq.url}/api/v1/election`, big, bearer)).rejects.toThrow();
  });

  it('takes its configuration from flags over environment over defaults, and refuses bad values', () => {
    const env = hqConfigFromEnv({
      SANDOGH_PORT: '9000',
      SANDOGH_DATABASE_URL: 'sqlite:x.sqlite',
      SANDOGH_HOST: '0.0.0.0',
    });
    const parsed = parseHqConfig(env, { port: '9100' });
    expect(parsed.ok && parsed.value).toMatchObject({
      port: 9100,
      host: '0.0.0.0',
      databaseUrl: 'sqlite:x.sqlite',
      bodyLimit: 1_048_576,
    });
    const bad = parseHqConfig({ databaseUrl: '', port: 'eighty', logLevel: 'loud' });
    expect(bad.ok ? [] : bad.error.map((p) => `${p.code} ${(p.path ?? []).join('.')}`)).toEqual(
      expect.arrayContaining([
        'INPUT_TOO_SMALL config.databaseUrl',
        'INPUT_NOT_ALLOWED config.logLevel',
      ]),
    );
    expect(bad.ok ? 0 : bad.error.length).toBe(3);
  });
});
