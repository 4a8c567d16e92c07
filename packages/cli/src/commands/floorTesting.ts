import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VisitTiming } from '@sandogh/core';
import {
  openStore,
  recordAttendance,
  recordQueue,
  recordStop,
  recordVisits,
  type Store,
} from '@sandogh/store';
// The HQ's own operations harness, so that the CLI is compared with what the routes answer.
import {
  definition,
  MINUTE,
  OPENING,
  operationsHarness,
  type OperationsHarness,
} from '../../../hq/src/incidents/testSupport.js';

/**
 * Test support for `sandogh staffing|mobile|speed` (issue 8): a SQLite store with the HQ
 * fixture's election and a day on the branch floor — attendance at b-0001, mobile branch
 * b-0004 done with its first stop and late for its second (b-0008 never moved), voter times at
 * b-0001 (slow), b-0002 (fast) and b-0005, a queue at b-0001 — and the HQ serving it with its
 * clock at `FLOOR_NOW`, to ask the routes what they answer for the same data.
 */
export const FLOOR_NOW = OPENING + 5 * 60 * MINUTE + 16 * MINUTE;

export interface Floor {
  readonly dir: string;
  readonly database: string;
  /** What the HQ route answers (JSON) at FLOOR_NOW. */
  route(url: string): Promise<unknown>;
  close(): Promise<void>;
}

/** `count` passes, each step `seconds` long apart from a spread of up to 4 s (deterministic). */
function passes(count: number, seconds: number): VisitTiming[] {
  return Array.from({ length: count }, (_, i) => {
    const ms = (k: number) => Math.round((seconds + ((i * 7 + k * 3) % 5)) * 1000);
    return {
      identity: ms(0),
      'wait-device': ms(1),
      casting: ms(2),
      printing: i % 10 === 9 ? null : ms(3),
    };
  });
}

async function seed(store: Store): Promise<void> {
  const election = definition.election.id;
  const at = (ms: number) => new Date(ms).toISOString();
  await store.transaction(async (trx) => {
    for (const [staff, status] of [
      ['b-0001-t1', 'left'],
      ['b-0001-t2', 'present'],
      ['b-0001-t3', 'present'],
      ['b-0001-t4', 'absent'],
    ] as const)
      await recordAttendance(trx, {
        election_id: election,
        staff_id: staff,
        branch_id: 'b-0001',
        status,
        at: at(OPENING - 30 * MINUTE),
        recorded_by: 'governor-rep',
      });
    await recordStop(
      trx,
      election,
      'b-0004',
      'b-0004-s1',
      'arrive',
      at(OPENING + 40 * MINUTE),
      null,
    );
    await recordStop(
      trx,
      election,
      'b-0004',
      'b-0004-s1',
      'depart',
      at(OPENING + 240 * MINUTE),
      57,
    );
    await recordVisits(trx, election, 'b-0001', 'batch-1', passes(30, 22), at(OPENING));
    await recordVisits(trx, election, 'b-0002', 'batch-2', passes(20, 9), at(OPENING));
    await recordVisits(trx, election, 'b-0005', 'batch-5', passes(12, 14), at(OPENING));
    await recordQueue(trx, election, 'b-0001', 35, at(OPENING + 60 * MINUTE));
  });
}

export async function floor(prefix: string): Promise<Floor> {
  const dir = mkdtempSync(join(tmpdir(), `sandogh-${prefix}-cli-`));
  const database = `sqlite:${join(dir, 'hq.sqlite')}`;
  const store = await openStore(database);
  let h: OperationsHarness | undefined;
  try {
    h = await operationsHarness(store);
    await seed(store);
    h.set(FLOOR_NOW);
  } catch (e) {
    await h?.app.close();
    await store.close();
    throw e;
  }
  const harness = h;
  const county = await harness.as('hq-staff');
  return {
    dir,
    database,
    route: async (url) => {
      const res = await harness.app.inject({ url: `/api/v1${url}`, headers: county.headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    close: async () => {
      await harness.app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
