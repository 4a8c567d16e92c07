import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionHash } from '@sandogh/core';
import { loadDefinition, openStore } from '@sandogh/store';
import { tinyDefinition } from '@sandogh/store/testing';
import { sandogh } from '../testing.js';

describe('sandogh devices readiness', { timeout: 60_000 }, () => {
  let dir: string;
  let database: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-devices-cli-'));
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

  it('lists every device with what it still lacks, and the spares where they wait', async () => {
    const shown = await sandogh(['devices', 'readiness', '-d', database, '--json'], dir);
    expect(shown.code, shown.stderr).toBe(0);
    const view = JSON.parse(shown.stdout) as {
      devices: { serial: string; gaps: string[] }[];
      spares: { serial: string; zoneHqId: string; available: boolean }[];
    };
    expect(view.devices.find((d) => d.serial === 'V-0001')?.gaps).toEqual([
      'not-reported',
      'branch-not-opened',
    ]);
    expect(view.spares).toEqual([
      { serial: 'S-0001', zoneHqId: 'zhq-1', status: 'registered', available: true },
    ]);
    const zone = await sandogh(['devices', 'readiness', '-d', database, '--zone', 'zhq-2'], dir);
    expect(zone.code, zone.stderr).toBe(0);
    expect(zone.stdout).toContain('zhq-2: 0/4 devices ready, 0 spares available');
    expect(zone.stdout).not.toContain('zhq-1');
  });

  it('refuses an unknown zone HQ with its code', async () => {
    const bad = await sandogh(['devices', 'readiness', '-d', database, '--zone', 'zhq-9'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('DEVICE_STATUS_ZONE_UNKNOWN');
  });
});
