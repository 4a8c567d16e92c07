import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { electionHash, prettyCanonicalJson, sampleDefinition } from '@sandogh/core';
import {
  attemptLogin,
  DEFAULT_SESSION_TIMEOUTS,
  findAccount,
  listAuditEntries,
  loadDefinition,
  openStore,
  resetCredentials,
  totpCode,
  type Store,
} from '@sandogh/store';
import { runCli } from '../program.js';
import { DEMO_ACCOUNTS_FILE, ensureDemoAccounts } from './demoAccounts.js';

/** Runs `sandogh …` in this process, capturing what it prints. */
async function sandogh(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err.push(String(chunk));
    return true;
  });
  process.exitCode = 0;
  try {
    await runCli(args);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const code = process.exitCode;
  process.exitCode = 0;
  return { code: typeof code === 'number' ? code : 0, stdout: out.join(''), stderr: err.join('') };
}

describe('sandogh staff', () => {
  let dir: string;
  let db: string;
  const definition = sampleDefinition({ branches: 4 });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-staff-'));
    db = `sqlite:${join(dir, 'hq.sqlite')}`;
    writeFileSync(join(dir, 'election.json'), prettyCanonicalJson(definition));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const withDb = async <T>(work: (store: Store) => Promise<T>): Promise<T> => {
    const store = await openStore(db);
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  };

  it('creates the first HQ account before any election, its credentials in a private file only', async () => {
    const out = join(dir, 'admin.json');
    const made = await sandogh([
      'staff',
      'create',
      'Admin',
      '--role',
      'hq-staff',
      '-d',
      db,
      '-o',
      out,
    ]);
    expect(made.code, made.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const file = JSON.parse(readFileSync(out, 'utf8')) as { accounts: { password: string }[] };
    const password = file.accounts[0]?.password ?? '';
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(made.stdout + made.stderr).not.toContain(password);
    expect(made.stderr).toContain('mode 0600');
    const again = await sandogh([
      'staff',
      'create',
      'admin2',
      '--role',
      'hq-staff',
      '-d',
      db,
      '-o',
      out,
    ]);
    expect(again.stderr).toContain('FILE_EXISTS');
    const narrow = await sandogh([
      'staff',
      'create',
      'z',
      '--role',
      'zone-hq-staff',
      '--zone-hq',
      'H01',
      '-d',
      db,
      '-o',
      join(dir, 'z.json'),
    ]);
    expect(narrow.stderr).toContain('ACCESS_SCOPE_UNKNOWN');
    expect(() => statSync(join(dir, 'z.json'))).toThrow();
  });

  it('creates an account for every staff assignment once, and records each on the audit log', async () => {
    expect((await sandogh(['election', 'import', join(dir, 'election.json'), '-d', db])).code).toBe(
      0,
    );
    const out = join(dir, 'staff.json');
    const made = await sandogh(['staff', 'accounts', 'create', '-d', db, '-o', out]);
    expect(made.code, made.stderr).toBe(0);
    const file = JSON.parse(readFileSync(out, 'utf8')) as { accounts: { username: string }[] };
    expect(file.accounts).toHaveLength(definition.staff.length);
    const again = await sandogh([
      'staff',
      'accounts',
      'create',
      '-d',
      db,
      '-o',
      join(dir, 'again.json'),
    ]);
    expect(again.stdout).toContain(`${definition.staff.length} staff already had one`);
    await withDb(async (store) => {
      const created = await listAuditEntries(store, {
        action: 'access.account.created',
        limit: 1_000,
      });
      expect(created.entries).toHaveLength(definition.staff.length + 1);
      expect(created.entries[0]).toMatchObject({ actorKind: 'system', actorId: 'cli' });
    });
    const list = await sandogh(['staff', 'accounts', 'list', '--role', 'hq-staff', '-d', db]);
    expect(list.stdout).toContain('admin\thq-staff\tconstituency');
  });

  it('disables, enables, unlocks and resets an account', async () => {
    const user = definition.staff[0]?.id.toLowerCase() ?? '';
    expect((await sandogh(['staff', 'disable', user, '-d', db])).code).toBe(0);
    await withDb(async (store) => {
      expect((await findAccount(store.db, { username: user }))?.disabled).toBe(true);
    });
    expect((await sandogh(['staff', 'enable', user, '-d', db])).code).toBe(0);
    expect((await sandogh(['staff', 'unlock', user, '-d', db])).code).toBe(0);
    const out = join(dir, 'reset.json');
    expect((await sandogh(['staff', 'reset', user, '-d', db, '-o', out])).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect((await sandogh(['staff', 'disable', 'nobody', '-d', db])).stderr).toContain(
      'ACCESS_ACCOUNT_NOT_FOUND',
    );
  });
});

describe('the demo accounts', () => {
  let dir: string;
  let store: Store;
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are created once, kept across restarts, repaired when they drift, and sign in', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-demo-'));
    store = await openStore(`sqlite:${join(dir, 'hq.sqlite')}`);
    const d = sampleDefinition({ branches: 4 });
    await loadDefinition(store, d, electionHash(d));
    const first = await ensureDemoAccounts(store, dir, d, Date.now());
    if (!first.ok) throw new Error(first.error.code);
    expect(first.value.map((a) => a.username)).toEqual([
      'demo-hq',
      'demo-zone-hq',
      'demo-chair-0001',
      'demo-supervisor',
      'demo-it',
      'demo-representative',
    ]);
    expect(statSync(join(dir, DEMO_ACCOUNTS_FILE)).mode & 0o777).toBe(0o600);
    const second = await ensureDemoAccounts(store, dir, d, Date.now());
    expect(second.ok && second.value).toEqual(first.value);
    const chair = first.value[2];
    if (chair === undefined) throw new Error('no chair');
    await resetCredentials(store, chair.username, {
      passwordHash: 'x',
      totpSecret: 'AAAA',
      mustChange: true,
    });
    await ensureDemoAccounts(store, dir, d, Date.now());
    const now = Date.now();
    const signedIn = await attemptLogin(
      store,
      {
        username: chair.username,
        password: chair.password,
        code: totpCode(chair.totpSecret, now) ?? '',
        source: '::1',
      },
      {
        nowMs: now,
        timeouts: DEFAULT_SESSION_TIMEOUTS,
        passwordParams: { logN: 10, r: 8, p: 1 },
        electionId: d.election.id,
      },
    );
    expect(signedIn.ok && signedIn.value.account).toMatchObject({
      role: 'branch-trustee',
      trusteeRole: 'chair',
      scope: { kind: 'branches', branchIds: ['0001'] },
    });
    const totp = await sandogh(['staff', 'totp', 'demo-hq', '--dir', dir]);
    const hq = first.value[0];
    // The code of now, or of the step that just ended if the test straddled a boundary.
    const codes = [0, 30_000].map((ago) => totpCode(hq?.totpSecret ?? '', Date.now() - ago));
    expect(codes).toContain(totp.stdout.slice(0, 6));
    expect((await sandogh(['staff', 'totp', 'nobody', '--dir', dir])).stderr).toContain(
      'ACCESS_DEMO_ACCOUNT_UNKNOWN',
    );
  });
});
