import { electionHash, type ElectionDefinition } from '@sandogh/core';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.js';
import { tinyDefinition } from '../testing/tinyDefinition.js';
import type { Store } from '../store.js';
import { loadDefinition } from './load.js';
import { ROW_TABLES } from './rows.js';

/**
 * Issue 2 and law 8: a definition that fails anywhere leaves nothing written. The broken rows
 * below get past TypeScript (they are what a caller that skipped validateDefinition could
 * send) and are stopped by the store's keys and CHECKs, in the last chunk of the last table
 * or wherever fast-check puts them.
 */

async function totalRows(store: Store): Promise<number> {
  let total = 0;
  for (const table of ['election', ...ROW_TABLES] as const) {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    total += row.n;
  }
  return total;
}

type Breakage = (d: ElectionDefinition, at: number) => ElectionDefinition;

/** A position other than the first, so that a copy of the first element can go there. */
const later = (at: number, length: number) => 1 + (at % (length - 1));

/** Ways to break one element at a position, each against a different constraint. */
const breakages: Record<string, Breakage> = {
  'staff names an unknown branch': (d, at) => ({
    ...d,
    staff: d.staff.map((p, i) =>
      i === at % d.staff.length
        ? { ...p, scope: { kind: 'branches', branchIds: ['no-such-branch'] } }
        : p,
    ),
  }),
  'two staff share an id': (d, at) => ({
    ...d,
    staff: d.staff.map((p, i) =>
      i === later(at, d.staff.length) ? { ...p, id: d.staff[0]?.id ?? p.id } : p,
    ),
  }),
  'two devices share a public key': (d, at) => ({
    ...d,
    devices: d.devices.map((v, i) =>
      i === later(at, d.devices.length)
        ? { ...v, publicKey: d.devices[0]?.publicKey ?? v.publicKey }
        : v,
    ),
  }),
  'a branch in an unknown zone': (d, at) => ({
    ...d,
    branches: d.branches.map((b, i) =>
      i === at % d.branches.length ? { ...b, zoneId: 'no-such-zone' } : b,
    ),
  }),
  'a branch of an unknown kind': (d, at) => ({
    ...d,
    branches: d.branches.map((b, i) =>
      i === at % d.branches.length ? { ...b, kind: 'floating' as 'fixed' } : b,
    ),
  }),
  'two stops share an id': (d) => ({
    ...d,
    branches: d.branches.map((b) =>
      b.kind === 'mobile'
        ? { ...b, itinerary: [b.itinerary[0], b.itinerary[0]].flatMap((s) => (s ? [s] : [])) }
        : b,
    ),
  }),
};

describeEachEngine('an atomic definition load', (ctx) => {
  it('leaves every table empty when the very last row fails, many chunks in', async () => {
    const d = tinyDefinition({ branches: 40 });
    const broken = breakages['staff names an unknown branch']?.(d, d.staff.length - 1) ?? d;
    // 4 columns per staff_branches row: 12 parameters make every table take several statements.
    const result = await loadDefinition(ctx.store, broken, electionHash(broken), {
      maxParameters: 12,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'DEFINITION_STORE_CONSTRAINT' } });
    expect(await totalRows(ctx.store)).toBe(0);
    // and the store is still usable: the repaired definition loads in full.
    expect(
      await loadDefinition(ctx.store, d, electionHash(d), { maxParameters: 12 }),
    ).toMatchObject({ ok: true });
  });

  it('writes all or nothing, whichever row breaks and however it is chunked', async () => {
    const base = tinyDefinition({ branches: 12 });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(breakages)),
        fc.nat({ max: 200 }),
        fc.integer({ min: 12, max: 400 }),
        async (name, at, maxParameters) => {
          const broken = breakages[name]?.(base, at) ?? base;
          const result = await loadDefinition(ctx.store, broken, electionHash(broken), {
            maxParameters,
          });
          expect(result.ok, name).toBe(false);
          expect(await totalRows(ctx.store)).toBe(0);
        },
      ),
      { numRuns: 12 },
    );
  });
});
