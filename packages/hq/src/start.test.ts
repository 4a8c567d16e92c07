import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { sampleDefinition } from '@sandogh/core';
import { openTestStore, type TestStore } from '@sandogh/store/testing';
import { hqConfigFromEnv, parseHqConfig } from './config.js';
import { startHq } from './start.js';

function put(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'PUT', headers: { 'content-type': 'application/json' } },
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
    let answered = false;
    const inFlight = put(`${hq.url}/api/v1/election`, big).finally(() => {
      answered = true;
    });
    await new Promise((r) => setTimeout(r, 250));
    expect(answered).toBe(false); // still being validated and loaded when shutdown begins
    const stopping = hq.app.close();
    expect(await inFlight).toBe(201);
    await stopping;
    await expect(put(`${hq.url}/api/v1/election`, big)).rejects.toThrow();
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
