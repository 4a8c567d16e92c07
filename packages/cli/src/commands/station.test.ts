import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  branchPackageHash,
  branchPackageShortHash,
  prettyCanonicalJson,
  type SignedBranchPackage,
} from '@sandogh/core';
import { buildServer, hqConfigSchema } from '@sandogh/hq';
import { openBranchPackage } from '@sandogh/station';
import { auditDb, openStore } from '@sandogh/store';
import { testDeviceKeySeed, testDevicePublicKey, tinyDefinition } from '@sandogh/store/testing';

const main = new URL('../main.ts', import.meta.url).pathname;
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const run = promisify(execFile);

async function sandogh(args: string[], cwd: string) {
  try {
    const { stdout } = await run(process.execPath, ['--import', tsx, main, ...args], {
      cwd,
      env: { ...process.env, SANDOGH_DATABASE_URL: '' },
    });
    return { code: 0, stdout };
  } catch (e) {
    const failed = e as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe('sandogh station package', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-station-cli-'));
    writeFileSync(join(dir, 'election.json'), prettyCanonicalJson(tinyDefinition()));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes the branch's package signed with HQ's key, which the branch's station accepts", async () => {
    const db = ['-d', `sqlite:${join(dir, 'hq.sqlite')}`];
    expect((await sandogh(['election', 'import', 'election.json', ...db], dir)).code).toBe(0);
    const made = await sandogh(
      ['station', 'package', 'b-0001', '--out', 'b-0001.json', ...db],
      dir,
    );
    expect(made.code).toBe(0);
    const text = readFileSync(join(dir, 'b-0001.json'), 'utf8');
    const signed = JSON.parse(text) as SignedBranchPackage;
    expect(made.stdout).toContain(branchPackageShortHash(signed.package));
    const opened = openBranchPackage(text, {
      hqPublicKey: signed.package.trust.hq.publicKey,
      deviceSerial: 'V-0001',
      devicePublicKey: testDevicePublicKey('V-0001'),
    });
    expect(opened.ok).toBe(true);
    const unknown = await sandogh(['station', 'package', 'b-9999', '--out', 'x.json', ...db], dir);
    expect(unknown.code).toBe(1);
  });
});

/** Runs `sandogh station run` until its output matches `until`, then stops it (SIGTERM). */
async function stationRunUntil(args: string[], cwd: string, until: RegExp): Promise<string> {
  const child = spawn(process.execPath, ['--import', tsx, main, 'station', 'run', ...args], {
    cwd,
    env: { ...process.env, SANDOGH_DATABASE_URL: '' },
  });
  let out = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`station run said only: ${out}`));
      }, 60_000);
      const take = (chunk: Buffer) => {
        out += chunk.toString();
        if (until.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', take);
      child.stderr.on('data', take);
      child.on('exit', () => {
        clearTimeout(timer);
        if (until.test(out)) resolve();
        else reject(new Error(`station run exited: ${out}`));
      });
    });
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
  return out;
}

describe('sandogh station run', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-station-run-'));
    writeFileSync(join(dir, 'election.json'), prettyCanonicalJson(tinyDefinition()));
    writeFileSync(join(dir, 'V-0001.seed'), `${testDeviceKeySeed('V-0001')}\n`);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs its self-test at start and HQ's readiness view receives the signed report", async () => {
    const database = `sqlite:${join(dir, 'hq.sqlite')}`;
    const db = ['-d', database];
    expect((await sandogh(['election', 'import', 'election.json', ...db], dir)).code).toBe(0);
    expect(
      (await sandogh(['station', 'package', 'b-0001', '--out', 'b-0001.json', ...db], dir)).code,
    ).toBe(0);
    const signed = JSON.parse(
      readFileSync(join(dir, 'b-0001.json'), 'utf8'),
    ) as SignedBranchPackage;
    const common = [
      '--package',
      'b-0001.json',
      '--key',
      'V-0001.seed',
      '--hq-public-key',
      signed.package.trust.hq.publicKey,
      '--port',
      '0',
    ];

    // Without an HQ the checks run and the operator is told nothing was reported.
    const alone = await stationRunUntil(
      [...common, '--data', 'alone.sqlite', '--no-printer'],
      dir,
      /self-test/,
    );
    expect(alone).toContain('self-test FAILED (election-key, printer)');
    expect(alone).toContain('not reported (no --hq)');

    const store = await openStore(database);
    const hq = await buildServer({
      config: hqConfigSchema.parse({ databaseUrl: database, port: 0, logLevel: 'silent' }),
      store,
      logger: false,
    });
    try {
      const address = await hq.listen({ port: 0, host: '127.0.0.1' });
      const out = await stationRunUntil(
        [...common, '--data', 'station.sqlite', '--hq', address],
        dir,
        /self-test/,
      );
      // The tiny election has had no key ceremony: the package holds no election key yet.
      expect(out).toContain('self-test FAILED (election-key)');
      expect(out).toContain('reported to HQ');
      expect(out).toContain('"configured":"current"');
      const entries = await auditDb(store.db)
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'devices.device.self-tested')
        .execute();
      expect(entries).toHaveLength(1);
      const entry = JSON.stringify(entries[0]);
      expect(entry).toContain('V-0001');
      expect(entry).toContain(branchPackageHash(signed.package));
    } finally {
      await hq.close();
      await store.close();
    }
  });
});
