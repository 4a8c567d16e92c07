import type { FastifyInstance } from 'fastify';
import { electionHash, type AccountRole, type StaffScope } from '@sandogh/core';
import { listAuditEntries, loadDefinition, type Store } from '@sandogh/store';
import { tinyDefinition } from '@sandogh/store/testing';
import { accessTestServer, loginAs, type TestSession } from '../access/testing.js';

/**
 * Test support for the operations routes (issue 8): the store fixture's election (branches
 * b-0001 … b-0008 in zone HQs zhq-1 and zhq-2, every fourth mobile; devices A-/V-0001 …, spare
 * S-0001 at zhq-1), an HQ whose clock the test moves, and sessions of the people involved.
 * The timer sweep is off unless a test asks for it (SANDOGH_INCIDENT_SWEEP_MS).
 */
export const definition = tinyDefinition({ branches: 8 });
export const hash = electionHash(definition);
/** 08:00 in Tehran on the fixture's voting day (2024-03-01, UTC+03:30). */
export const OPENING = Date.parse('2024-03-01T04:30:00.000Z');
export const MINUTE = 60_000;

export interface OperationsHarness {
  readonly app: FastifyInstance;
  /** Moves the HQ's clock (epoch ms). */
  set(at: number): void;
  now(): number;
  as(
    role: AccountRole,
    scope?: StaffScope,
    options?: Parameters<typeof loginAs>[3],
  ): Promise<TestSession>;
  /** The newest audit entries, newest first. */
  audit(limit?: number): Promise<Awaited<ReturnType<typeof listAuditEntries>>['entries']>;
}

export async function operationsHarness(
  store: Store,
  options: { sweepMs?: number } = {},
): Promise<OperationsHarness> {
  const loaded = await loadDefinition(store, definition, hash);
  if (!loaded.ok) throw new Error(loaded.error.code);
  let clock = OPENING;
  const before = process.env['SANDOGH_INCIDENT_SWEEP_MS'];
  process.env['SANDOGH_INCIDENT_SWEEP_MS'] = String(options.sweepMs ?? 0);
  let app: FastifyInstance;
  try {
    app = await accessTestServer(store, { clock: () => clock });
  } finally {
    if (before === undefined) delete process.env['SANDOGH_INCIDENT_SWEEP_MS'];
    else process.env['SANDOGH_INCIDENT_SWEEP_MS'] = before;
  }
  return {
    app,
    set: (at) => {
      clock = at;
    },
    now: () => clock,
    as: (role, scope, opts) => loginAs(app, role, scope, opts),
    audit: async (limit = 5) => (await listAuditEntries(store, { before: 2 ** 52, limit })).entries,
  };
}

export const branchScope = (...branchIds: string[]): StaffScope => ({
  kind: 'branches',
  branchIds,
});
export const zoneHqScope = (zoneHqId: string): StaffScope => ({ kind: 'zoneHq', zoneHqId });
