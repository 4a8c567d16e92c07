import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  branchPackageShortHash,
  prettyCanonicalJson,
  type SignedBranchPackage,
} from '@sandogh/core';
import { openBranchPackage } from '@sandogh/station';
import { testDevicePublicKey, tinyDefinition } from '@sandogh/store/testing';

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
