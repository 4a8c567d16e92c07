import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prettyCanonicalJson, sampleDefinition } from '@sandogh/core';
import { listAuditEntries, openStore } from '@sandogh/store';
import { postgresSkipped, testPostgresUrl } from '@sandogh/store/testing';

const main = new URL('./main.ts', import.meta.url).pathname;
/** tsx by absolute address: the commands run from a temporary folder outside the workspace. */
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const run = promisify(execFile);

/** Runs the real `sandogh` command in a child process, as an operator would. */
async function sandogh(
  args: string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', tsx, main, ...args], {
      cwd,
      env: { ...process.env, SANDOGH_DATABASE_URL: '' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the sandogh command', { timeout: 120_000 }, () => {
  let dir: string;
  let pgDatabase: string | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-cli-'));
    if (!postgresSkipped()) {
      pgDatabase = `sandogh_cli_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client(testPostgresUrl());
      await client.connect();
      await client.query(`create database ${pgDatabase}`);
      await client.end();
    }
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (pgDatabase !== undefined) {
      const client = new pg.Client(testPostgresUrl());
      await client.connect();
      await client.query(`drop database if exists ${pgDatabase} with (force)`);
      await client.end();
    }
  });

  it('lists every fault of a broken definition with its path, in both languages, and exits 1', async () => {
    const broken = structuredClone(sampleDefinition()) as unknown as Record<string, unknown>;
    const branches = broken['branches'] as Record<string, unknown>[];
    const first = branches[0];
    const second = branches[1];
    if (first === undefined || second === undefined) throw new Error('sample too small');
    first['zoneId'] = 'Z99';
    second['kind'] = 'boat';
    (broken['contest'] as Record<string, unknown>)['maxSelections'] = 5;
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
    const out = await sandogh(['election', 'validate', 'broken.json'], dir);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('DEFINITION_UNKNOWN_REFERENCE  $.branches[0].zoneId');
    expect(out.stderr).toContain('INPUT_NOT_ALLOWED  $.branches[1].kind');
    expect(out.stderr).toContain('DEFINITION_SELECTIONS_SEATS  $.contest.maxSelections');
    expect(out.stderr).toMatch(/fa: .*[\u0600-\u06FF]/);
  });

  it('says clearly when a file is missing or is not JSON, and when the usage is wrong', async () => {
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    expect((await sandogh(['election', 'validate', 'missing.json'], dir)).stderr).toContain(
      'FILE_NOT_FOUND',
    );
    expect((await sandogh(['election', 'validate', 'bad.json'], dir)).stderr).toContain(
      'FILE_NOT_JSON',
    );
    const usage = await sandogh(['election', 'frobnicate'], dir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('CLI_USAGE');
  });

  it('generates the demo, validates it, and round-trips it through import and export unchanged (SQLite and PostgreSQL)', async () => {
    const demo = await sandogh(
      ['demo', '--out', 'demo', '--branches', '40', '--voters', '500'],
      dir,
    );
    expect(demo.code, demo.stderr).toBe(0);
    expect((await sandogh(['election', 'validate', 'demo/election.json'], dir)).stdout).toContain(
      '✔ valid',
    );
    const original = readFileSync(join(dir, 'demo/election.json'), 'utf8');
    const stores = [
      `sqlite:${join(dir, 'cli.sqlite')}`,
      ...(pgDatabase === undefined
        ? []
        : [testPostgresUrl().replace(/\/[^/]*$/, `/${pgDatabase}`)]),
    ];
    for (const store of stores) {
      const imported = await sandogh(
        ['election', 'import', 'demo/election.json', '--database', store],
        dir,
      );
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toContain('loaded');
      expect(
        (await sandogh(['election', 'import', 'demo/election.json', '--database', store], dir))
          .stdout,
      ).toContain('unchanged');
      const exported = await sandogh(['election', 'export', '--database', store], dir);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toBe(original);
    }
  });

  it('exports what it imported, equal as JSON, whatever the key order of the input', async () => {
    const definition = sampleDefinition();
    writeFileSync(join(dir, 'sample.json'), JSON.stringify(definition, null, 4));
    const db = `sqlite:${join(dir, 'sample.sqlite')}`;
    expect((await sandogh(['election', 'import', 'sample.json', '--database', db], dir)).code).toBe(
      0,
    );
    const out = await sandogh(['election', 'export', '--database', db, '--out', 'out.json'], dir);
    expect(out.code).toBe(0);
    const exported = readFileSync(join(dir, 'out.json'), 'utf8');
    expect(JSON.parse(exported)).toEqual(definition);
    expect(exported).toBe(prettyCanonicalJson(definition));
  });

  it('puts every import on the audit log: loaded, unchanged, refused (law 6)', async () => {
    const definition = sampleDefinition();
    writeFileSync(join(dir, 'audited.json'), JSON.stringify(definition));
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ ...definition, branches: 7 }));
    const db = `sqlite:${join(dir, 'audited.sqlite')}`;
    for (const file of ['audited.json', 'audited.json', 'broken.json'])
      await sandogh(['election', 'import', file, '--database', db], dir);
    const store = await openStore(db);
    try {
      const { entries } = await listAuditEntries(store, { action: 'election.definition' });
      expect(
        entries.map((e) => [
          e.action,
          e.actorId,
          (JSON.parse(e.details ?? '{}') as { status?: string }).status ?? e.reason,
        ]),
      ).toEqual([
        ['election.definition.loaded', 'cli', 'loaded'],
        ['election.definition.loaded', 'cli', 'unchanged'],
        ['election.definition.refused', 'cli', 'INPUT_WRONG_TYPE'],
      ]);
    } finally {
      await store.close();
    }
    expect((await sandogh(['audit', 'verify', '--database', db], dir)).code).toBe(0);
  });

  it('derives the runoff list from round-1 results by the rule', async () => {
    const out = await sandogh(
      ['runoff', 'derive', 'demo/round1-results.json', '--out', 'runoff.json'],
      dir,
    );
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('Winners in round 1 (14)');
    expect(out.stdout).toContain('16 seats remain; 32 candidates listed');
    const derived = JSON.parse(readFileSync(join(dir, 'runoff.json'), 'utf8')) as {
      runoff: { candidates: { code: string }[] };
    };
    const election = JSON.parse(readFileSync(join(dir, 'demo/election.json'), 'utf8')) as {
      candidates: { code: string }[];
    };
    expect(derived.runoff.candidates.map((c) => c.code).sort()).toEqual(
      election.candidates.map((c) => c.code).sort(),
    );
  });

  it('refuses out-of-range flags with the same clear errors', async () => {
    const out = await sandogh(['demo', '--out', 'x', '--branches', '5'], dir);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('INPUT_TOO_SMALL  $.branches');
    const exists = await sandogh(['demo', '--out', 'demo', '--branches', '40'], dir);
    expect(exists.stderr).toContain('FILE_EXISTS');
    const noElection = await sandogh(
      ['election', 'export', '--database', `sqlite:${join(dir, 'empty.sqlite')}`],
      dir,
    );
    expect(noElection.stderr).toContain('DEFINITION_NOT_LOADED');
  });
});
