import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromJalali, makeNationalCode, prettyCanonicalJson, sampleDefinition } from '@sandogh/core';
import { findVoter, listAuditEntries, openStore, registryImports } from '@sandogh/store';
import { CLI_MAIN, TSX_LOADER, sandogh } from '../testing.js';

const main = CLI_MAIN;
const tsx = TSX_LOADER;

const HEADER =
  'national_code,birth_date,death_date,citizen,round1_constituency,first_name,last_name';
const codeOf = (i: number) => makeNationalCode(String(200_000_000 + i));

describe('sandogh registry import', { timeout: 120_000 }, () => {
  let dir: string;
  const definition = sampleDefinition({ branches: 2, candidates: 4, seats: 2 });
  const database = () => `sqlite:${join(dir, 'store.sqlite')}`;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-registry-cli-'));
    writeFileSync(join(dir, 'election.json'), prettyCanonicalJson(definition));
    expect(
      (await sandogh(['election', 'import', 'election.json', '-d', database()], dir)).code,
    ).toBe(0);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a file in one transaction and lists the rejected lines in the rejects file', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 500; i++) lines.push(`${codeOf(i)},1370/01/0${1 + (i % 9)},,1,,,`);
    lines.splice(3, 0, '0012345670,1370/01/01,,1,,,');
    writeFileSync(join(dir, 'registry.csv'), `${lines.join('\n')}\n`);
    const done = await sandogh(
      ['registry', 'import', 'registry.csv', '--rejects', 'out.csv', '-d', database()],
      dir,
    );
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('registry imported in one transaction');
    expect(done.stdout).toContain('rows read 501, rejected 1, new 500, updated 0');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').split('\n').slice(0, 2)).toEqual([
      'line,code,column,message_en,message_fa',
      '4,NATIONAL_CODE_CHECK_DIGIT,national_code,The national code check digit is wrong.,رقم کنترل کد ملی درست نیست.',
    ]);
    // No national code reaches the screen.
    expect(`${done.stdout}${done.stderr}`).not.toContain(codeOf(0));

    const store = await openStore(database());
    try {
      expect(await findVoter(store, definition.election.id, codeOf(7))).toMatchObject({
        birthDate: fromJalali(1370, 1, 8),
      });
      expect(await registryImports(store, definition.election.id)).toHaveLength(1);
      const audit = await listAuditEntries(store, { action: 'pollbook.registry' });
      expect(audit.entries.map((e) => [e.action, e.actorId])).toEqual([
        ['pollbook.registry.import-started', 'cli'],
        ['pollbook.registry.imported', 'cli'],
      ]);
      expect(JSON.stringify(audit.entries)).not.toContain(codeOf(0));
    } finally {
      await store.close();
    }
  });

  it('leaves nothing behind when killed in the middle (kill -9), and imports on the rerun', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 150_000; i++)
      lines.push(`${codeOf(1_000 + i)},1370/01/01,,1,tehran,نام,خانواده`);
    writeFileSync(join(dir, 'big.csv'), `${lines.join('\n')}\n`);
    const child = spawn(
      process.execPath,
      ['--import', tsx, main, 'registry', 'import', 'big.csv', '-d', database()],
      { cwd: dir, env: { ...process.env, SANDOGH_DATABASE_URL: '' } },
    );
    let progressed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      // The first progress line: rows are being written inside the open transaction.
      if (!progressed && /registry: [1-9]/.test(chunk.toString())) {
        progressed = true;
        child.kill('SIGKILL');
      }
    });
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => {
      child.on('exit', (c, s) => {
        resolve([c, s]);
      });
    });
    expect([code, signal, progressed]).toEqual([null, 'SIGKILL', true]);
    const store = await openStore(database());
    try {
      expect(await findVoter(store, definition.election.id, codeOf(1_000))).toBeUndefined();
      expect(await registryImports(store, definition.election.id)).toHaveLength(1);
    } finally {
      await store.close();
    }
    const rerun = await sandogh(['registry', 'import', 'big.csv', '-d', database()], dir);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('new 150000');
  });

  it('refuses a file that is not a registry: exit 1, the problem printed, nothing written', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'national_code,birthday\n0012345678,1370/01/01\n');
    const refused = await sandogh(['registry', 'import', 'bad.csv', '-d', database()], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('REGISTRY_HEADER_UNKNOWN');
    expect(refused.stdout).toContain('nothing was imported');
    const missing = await sandogh(['registry', 'import', 'nope.csv', '-d', database()], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('FILE_NOT_FOUND');
    const store = await openStore(database());
    try {
      // The two imports of the tests above, no more.
      expect(await registryImports(store, definition.election.id)).toHaveLength(2);
      const audit = await listAuditEntries(store, { action: 'pollbook.registry.refused' });
      expect(audit.entries.map((e) => e.reason)).toEqual(['REGISTRY_HEADER_UNKNOWN']);
    } finally {
      await store.close();
    }
  });
});
