import {
  deviceKind,
  electionHash,
  staffRole,
  stopKind,
  type ElectionDefinition,
} from '@sandogh/core';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { loadDefinition } from '../definition/load.js';
import { describeEachEngine } from '../testing/engines.js';
import { tinyDefinition } from '../testing/tinyDefinition.js';
import { appliedMigrations, migrateToEmpty, migrateToLatest, migrations } from './index.js';

const TABLES = [
  'election',
  'counties',
  'zone_hqs',
  'zones',
  'branches',
  'itinerary_stops',
  'candidates',
  'devices',
  'staff',
  'staff_branches',
] as const;

/** Every value core's enums allow today, so that the migrations' CHECK lists are proved to keep up. */
function everyEnumValue(): ElectionDefinition {
  const d = tinyDefinition({ branches: 12 });
  const roles = staffRole.options.filter((r) => r !== 'branch-trustee');
  const staff = [
    ...d.staff,
    ...roles.map((role, i) => ({
      id: `every-role-${i}`,
      name: { fa: role, en: role },
      role,
      scope: { kind: 'constituency' as const },
    })),
  ];
  const mobile = d.branches.filter((b) => b.kind === 'mobile');
  const kinds = [...stopKind.options];
  const branches = d.branches.map((b) =>
    b.kind !== 'mobile'
      ? b
      : {
          ...b,
          itinerary: b.itinerary.map((s, i) => ({
            ...s,
            kind: kinds[(mobile.indexOf(b) * 2 + i) % kinds.length] ?? 'other',
          })),
        },
  );
  return { ...d, staff, branches };
}

describeEachEngine(
  'migrations',
  (ctx) => {
    it('apply from an empty store, once', async () => {
      expect(await appliedMigrations(ctx.store)).toEqual([]);
      expect(await migrateToLatest(ctx.store)).toEqual(Object.keys(migrations));
      expect(await migrateToLatest(ctx.store)).toEqual([]);
      expect(await appliedMigrations(ctx.store)).toEqual(Object.keys(migrations));
      for (const table of TABLES) {
        const row = await ctx.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(row.n, table).toBe(0);
      }
    });

    it('roll back to empty and apply again', async () => {
      await migrateToLatest(ctx.store);
      expect(await migrateToEmpty(ctx.store)).toEqual(Object.keys(migrations).reverse());
      expect(await appliedMigrations(ctx.store)).toEqual([]);
      expect(await migrateToLatest(ctx.store)).toEqual(Object.keys(migrations));
    });

    it("accept every value of core's enums and refuse any other", async () => {
      await migrateToLatest(ctx.store);
      const d = everyEnumValue();
      expect(new Set(d.devices.map((v) => v.kind))).toEqual(new Set(deviceKind.options));
      expect(new Set(d.staff.map((p) => p.role))).toEqual(new Set(staffRole.options));
      expect(new Set(d.branches.flatMap((b) => b.itinerary.map((s) => s.kind)))).toEqual(
        new Set(stopKind.options),
      );
      const loaded = await loadDefinition(ctx.store, d, electionHash(d));
      expect(loaded.ok).toBe(true);
      const refused = (statement: Promise<unknown>) =>
        expect(statement).rejects.toThrow(/constraint|check/i);
      await refused(
        sql`update branches set kind = 'floating' where id = 'b-0001'`.execute(ctx.store.db),
      );
      await refused(
        sql`update devices set kind = 'printer' where serial = 'A-0001'`.execute(ctx.store.db),
      );
      await refused(
        sql`update devices set status = 'lost' where serial = 'A-0001'`.execute(ctx.store.db),
      );
      await refused(sql`update staff set role = 'voter' where id = 'hq-1'`.execute(ctx.store.db));
      await refused(
        sql`update staff set device_operator = 2 where id = 'hq-1'`.execute(ctx.store.db),
      );
      await refused(
        sql`update staff set scope_zone_id = 'z-1' where id = 'hq-1'`.execute(ctx.store.db),
      );
      await refused(
        sql`update itinerary_stops set kind = 'ship' where branch_id = 'b-0004'`.execute(
          ctx.store.db,
        ),
      );
    });
  },
  { migrate: false },
);
