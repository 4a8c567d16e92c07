import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionHash } from '@sandogh/core';
import { insertIncident, loadDefinition, openStore } from '@sandogh/store';
import { tinyDefinition } from '@sandogh/store/testing';
import { sandogh } from '../testing.js';

describe('sandogh incidents', { timeout: 60_000 }, () => {
  let dir: string;
  let database: string;
  const reported = '2024-03-01T05:00:00.000Z';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-incidents-cli-'));
    database = `sqlite:${join(dir, 'hq.sqlite')}`;
    const store = await openStore(database);
    try {
      const d = tinyDefinition({ branches: 4 });
      expect((await loadDefinition(store, d, electionHash(d))).ok).toBe(true);
      await store.transaction((trx) =>
        insertIncident(trx, {
          election_id: d.election.id,
          branch_id: 'b-0001',
          zone_hq_id: 'zhq-1',
          zone_id: 'z-1',
          kind: 'voting-device',
          severity: 'cannot-vote',
          team: 'it-committee',
          description: 'blank screen',
          source: 'staff',
          reported_by: 'chair',
          device_message_id: null,
          stop_id: null,
          reported_at: reported,
        }),
      );
    } finally {
      await store.close();
    }
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the incidents and each zone HQ’s figures at an instant', async () => {
    const listed = await sandogh(['incidents', 'list', '-d', database, '--open'], dir);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('b-0001  voting-device/cannot-vote → it-committee  reported');
    const figures = await sandogh(
      ['incidents', 'figures', '-d', database, '--json', '--at', '2024-03-01T05:10:00.000Z'],
      dir,
    );
    expect(figures.code, figures.stderr).toBe(0);
    const body = JSON.parse(figures.stdout) as {
      zones: { zoneHqId: string; open: number; unableToVote: { forSeconds: number }[] }[];
    };
    expect(body.zones.map((z) => [z.zoneHqId, z.open])).toEqual([
      ['zhq-1', 1],
      ['zhq-2', 0],
    ]);
    expect(body.zones[0]?.unableToVote[0]?.forSeconds).toBe(600);
    const bad = await sandogh(['incidents', 'figures', '-d', database, '--at', 'noon'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('DATE_INVALID');
  });
});
