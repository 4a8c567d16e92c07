import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openHqKeyFile,
  openStore,
  recordAudit,
  signCheckpoint,
  type HqSigningKey,
} from '@sandogh/store';
import { buildServer, hqConfigSchema } from '@sandogh/hq';

const main = new URL('../main.ts', import.meta.url).pathname;
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const run = promisify(execFile);

async function sandogh(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', tsx, main, ...args], {
      cwd,
      env: {
        ...process.env,
        SANDOGH_DATABASE_URL: '',
        SANDOGH_HQ_KEY_FILE: '',
        SANDOGH_DATA_DIR: '',
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('sandogh audit', { timeout: 60_000 }, () => {
  let dir: string;
  let database: string;
  let key: HqSigningKey;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-audit-cli-'));
    database = `sqlite:${join(dir, 'hq.sqlite')}`;
    // Where HQ keeps its key for this store, so `verify` pins it without being told.
    const opened = openHqKeyFile(join(dir, 'hq-key.pem'));
    if (!opened.ok) throw new Error('key');
    key = opened.value.key;
    const store = await openStore(database);
    try {
      await recordAudit(
        store,
        Array.from({ length: 9 }, (_, i) => ({
          action: 'access.login.failed' as const,
          outcome: 'refused' as const,
          reason: 'INPUT_INVALID' as const,
          actor: { kind: 'anonymous' as const },
          details: { attempt: i },
        })),
      );
      await signCheckpoint(store, key, 'phase:opening');
    } finally {
      await store.close();
    }
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('proves an intact log with the store’s HQ key, exports it, and names the first bad entry after tampering (exit 1)', async () => {
    const [ok, exported] = await Promise.all([
      sandogh(['audit', 'verify', '--database', database], dir),
      sandogh(['audit', 'export', '--database', database, '--out', 'log.json'], dir),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('✔ audit log intact: 10 entries, 1 signed checkpoints');
    expect(ok.stdout).toContain(key.keyId);
    expect(exported.code, exported.stderr).toBe(0);
    const log = JSON.parse(readFileSync(join(dir, 'log.json'), 'utf8')) as {
      Device: { Event: unknown[] }[];
    };
    expect(log.Device[0]?.Event).toHaveLength(10);

    const store = await openStore(database);
    try {
      await sql`update audit_log set details = '{"attempt":70}' where sequence = 7`.execute(
        store.db,
      );
    } finally {
      await store.close();
    }
    const [broken, badKey] = await Promise.all([
      sandogh(['audit', 'verify', '--database', database], dir),
      sandogh(['audit', 'verify', '--database', database, '--hq-public-key', 'xyz'], dir),
    ]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('first bad entry #7 (edited)');
    expect(broken.stderr).toContain('AUDIT_ENTRY_EDITED');
    expect(broken.stderr).toMatch(/fa: .*ردیف 7/);
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toContain('AUDIT_PUBLIC_KEY_INVALID');
  });

  it('keeps a witness copy of the published checkpoints, and catches a later cut the store alone hides', async () => {
    const store = await openStore(database);
    const hq = await buildServer({
      config: hqConfigSchema.parse({ databaseUrl: database, port: 0, logLevel: 'silent' }),
      store,
      logger: false,
      audit: { key, checkpointIntervalMs: 0 },
    });
    try {
      await sql`update audit_log set details = '{"attempt":6}' where sequence = 7`.execute(
        store.db,
      );
      await recordAudit(store, [
        {
          action: 'access.login.failed',
          outcome: 'refused',
          reason: 'INPUT_INVALID',
          actor: { kind: 'anonymous' },
        },
      ]);
      await signCheckpoint(store, key, 'periodic');
      const address = await hq.listen({ port: 0, host: '127.0.0.1' });
      const kept = await sandogh(
        ['audit', 'witness', '--hq', address, '--out', 'witness.json'],
        dir,
      );
      expect(kept.code, kept.stderr).toBe(0);
      expect(kept.stdout).toContain('checkpoints kept, ');
      const again = await sandogh(
        ['audit', 'witness', '--hq', address, '--out', 'witness.json'],
        dir,
      );
      expect(again.stdout).toContain(', 0 new');
      expect(
        (
          await sandogh(
            ['audit', 'verify', '--database', database, '--witness', 'witness.json'],
            dir,
          )
        ).code,
      ).toBe(0);
      // An insider cuts everything from entry 10 on, checkpoints too, and moves the head back.
      const last = (
        await sql<{
          entry_hash: string;
        }>`select entry_hash from audit_log where sequence = 9`.execute(store.db)
      ).rows[0];
      if (last === undefined) throw new Error('fixture');
      await sql`delete from audit_log where sequence >= 10`.execute(store.db);
      await sql`delete from audit_checkpoints where sequence >= 10`.execute(store.db);
      await sql`update audit_chain_head set sequence = 9, entry_hash = ${last.entry_hash}`.execute(
        store.db,
      );
      expect((await sandogh(['audit', 'verify', '--database', database], dir)).code).toBe(0);
      const caught = await sandogh(
        ['audit', 'verify', '--database', database, '--witness', 'witness.json'],
        dir,
      );
      expect(caught.code).toBe(1);
      expect(caught.stderr).toContain('AUDIT_LOG_TRUNCATED');
      const changed = await sandogh(
        ['audit', 'witness', '--hq', address, '--out', 'witness.json'],
        dir,
      );
      expect(changed.code).toBe(0);
      const bad = await sandogh(
        ['audit', 'verify', '--database', database, '--witness', 'nope.json'],
        dir,
      );
      expect(bad.stderr).toContain('FILE_NOT_FOUND');
    } finally {
      await hq.close();
      await store.close();
    }
  });
});
