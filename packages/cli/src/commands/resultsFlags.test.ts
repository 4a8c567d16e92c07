import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionHash, initialLifecycle } from '@sandogh/core';
import {
  loadDefinition,
  openStore,
  recordFlagDecision,
  writeBranchLifecycle,
} from '@sandogh/store';
import { tinyDefinition } from '@sandogh/store/testing';
import { sandogh } from '../testing.js';

describe('sandogh results flags', { timeout: 60_000 }, () => {
  let dir: string;
  let database: string;
  const at = '2024-05-10T19:00:00.000Z';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-flags-cli-'));
    database = `sqlite:${join(dir, 'hq.sqlite')}`;
    const store = await openStore(database);
    try {
      const d = tinyDefinition({ branches: 4 });
      expect((await loadDefinition(store, d, electionHash(d))).ok).toBe(true);
      // Two branches whose reports claim a voter HQ never saw.
      for (const branch of ['b-0001', 'b-0002'])
        await writeBranchLifecycle(
          store.db,
          d.election.id,
          branch,
          {
            ...initialLifecycle(),
            phase: 'received',
            reports: [{ stop: 0, authenticated: 1, cast: 0, abandoned: 1, provisional: 0 }],
          },
          0,
          at,
        );
      for (const field of ['authenticated', 'abandoned'])
        await recordFlagDecision(store, d.election.id, {
          branchId: 'b-0001',
          code: 'RECONCILE_TALLY_REPORT',
          field,
          decision: 'explained',
          reason: 'the voter left before the card was made',
          numbers: {},
          decidedBy: 'sup-1',
          decidedAt: at,
        });
    } finally {
      await store.close();
    }
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every flag with its decisions, and only the undecided ones on request', async () => {
    const all = await sandogh(['results', 'flags', '-d', database, '--json'], dir);
    expect(all.code, all.stderr).toBe(0);
    const body = JSON.parse(all.stdout) as {
      branches: number;
      flags: { branchId: string; field?: string; decided: boolean }[];
      undecided: string[];
    };
    expect(body.branches).toBe(2);
    expect(body.flags.map((f) => [f.branchId, f.field, f.decided])).toEqual([
      ['b-0001', 'authenticated', true],
      ['b-0001', 'abandoned', true],
      ['b-0002', 'authenticated', false],
      ['b-0002', 'abandoned', false],
    ]);
    expect(body.undecided).toEqual(['b-0002']);
    const open = await sandogh(['results', 'flags', '-d', database, '--undecided'], dir);
    expect(open.code, open.stderr).toBe(0);
    expect(open.stdout).not.toContain('b-0001');
    expect(open.stdout).toContain('b-0002  RECONCILE_TALLY_REPORT:abandoned');
    expect(open.stdout).toContain('2 branch(es) reconciled, 4 flag(s), 1 branch(es) undecided');
  });
});
