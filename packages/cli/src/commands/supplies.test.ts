import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionHash } from '@sandogh/core';
import { listAuditEntries, loadDefinition, openStore } from '@sandogh/store';
import { tinyDefinition } from '@sandogh/store/testing';
import { sandogh } from '../testing.js';

describe('sandogh supplies', { timeout: 60_000 }, () => {
  let dir: string;
  let database: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-supplies-cli-'));
    database = `sqlite:${join(dir, 'hq.sqlite')}`;
    const store = await openStore(database);
    try {
      const d = tinyDefinition({ branches: 4 });
      expect((await loadDefinition(store, d, electionHash(d))).ok).toBe(true);
    } finally {
      await store.close();
    }
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the plan once, on the audit log', async () => {
    const made = await sandogh(['supplies', 'plan', '-d', database], dir);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('16 shipments for 4 branches');
    const again = await sandogh(['supplies', 'plan', '-d', database], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('SUPPLY_PLAN_EXISTS');
    const store = await openStore(database);
    try {
      const { entries } = await listAuditEntries(store, { action: 'logistics' });
      expect(entries.map((e) => [e.action, e.actorId])).toEqual([
        ['logistics.plan.created', 'cli'],
      ]);
    } finally {
      await store.close();
    }
  });

  it('shows readiness: nobody is supplied before anything is delivered', async () => {
    const shown = await sandogh(['supplies', 'readiness', '-d', database, '--json'], dir);
    expect(shown.code, shown.stderr).toBe(0);
    const body = JSON.parse(shown.stdout) as { zones: { ready: number; branches: number }[] };
    expect(body.zones.map((z) => [z.ready, z.branches])).toEqual([
      [0, 2],
      [0, 2],
    ]);
    const bad = await sandogh(['supplies', 'readiness', '-d', database, '--at', 'yesterday'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('DATE_INVALID');
  });

  it('writes a Persian pick list, and refuses an unknown zone HQ or day', async () => {
    const file = join(dir, 'pick.html');
    const written = await sandogh(
      ['supplies', 'picklist', '-d', database, '--zone-hq', 'zhq-1', '--day', 'D-1', '-o', file],
      dir,
    );
    expect(written.code, written.stderr).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('lang="fa" dir="rtl"');
    expect(html).toContain('صندوق کاغذی پلمب‌شده');
    const unknown = await sandogh(
      ['supplies', 'picklist', '-d', database, '--zone-hq', 'zhq-9', '--day', 'D-1'],
      dir,
    );
    expect(unknown.stderr).toContain('SUPPLY_ZONE_HQ_NOT_FOUND');
    const day = await sandogh(
      ['supplies', 'picklist', '-d', database, '--zone-hq', 'zhq-1', '--day', 'D-9'],
      dir,
    );
    expect(day.code).toBe(1);
    expect(day.stderr).toContain('INPUT_NOT_ALLOWED');
  });
});
