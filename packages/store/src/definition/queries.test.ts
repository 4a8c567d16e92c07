import { electionHash } from '@sandogh/core';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.js';
import { tinyDefinition } from '../testing/tinyDefinition.js';
import { loadDefinition } from './load.js';
import { getBranch, listBranches, listCandidates, listZoneHqs, listZones } from './queries.js';

const definition = tinyDefinition({ branches: 40 });
const E = definition.election.id;

describeEachEngine(
  'the HQ’s reads of the definition',
  (ctx) => {
    beforeAll(async () => {
      const loaded = await loadDefinition(ctx.store, definition, electionHash(definition));
      if (!loaded.ok) throw new Error(loaded.error.code);
      const other = tinyDefinition({ electionId: 'another-election', branches: 8 });
      await loadDefinition(ctx.store, other, electionHash(other));
    });

    it('lists branches in the definition’s order, paged, with the total', async () => {
      const first = await listBranches(ctx.store, E, { limit: 15 });
      expect(first.total).toBe(40);
      expect(first.items.map((b) => b.id)).toEqual(
        definition.branches.slice(0, 15).map((b) => b.id),
      );
      const last = await listBranches(ctx.store, E, { limit: 15, offset: 30 });
      expect(last.items.map((b) => b.id)).toEqual(definition.branches.slice(30).map((b) => b.id));
      expect(last).toMatchObject({ total: 40, limit: 15, offset: 30 });
      const past = await listBranches(ctx.store, E, { offset: 100 });
      expect(past).toMatchObject({ items: [], total: 40 });
    });

    it('filters branches by zone, zone HQ and kind, together', async () => {
      const expectIds = async (
        filter: Parameters<typeof listBranches>[2],
        keep: (b: (typeof definition.branches)[number]) => boolean,
      ) => {
        const page = await listBranches(ctx.store, E, { ...filter, limit: 1000 });
        const ids = definition.branches.filter(keep).map((b) => b.id);
        expect(page.items.map((b) => b.id)).toEqual(ids);
        expect(page.total).toBe(ids.length);
      };
      await expectIds({ zoneId: 'z-2' }, (b) => b.zoneId === 'z-2');
      await expectIds({ zoneHqId: 'zhq-1' }, (b) => b.zoneHqId === 'zhq-1');
      await expectIds({ kind: 'mobile' }, (b) => b.kind === 'mobile');
      await expectIds(
        { zoneId: 'z-1', kind: 'mobile' },
        (b) => b.zoneId === 'z-1' && b.kind === 'mobile',
      );
      await expectIds({ countyId: 'tehran', zoneHqId: 'nowhere' }, () => false);
    });

    it('gives the summary fields of a branch', async () => {
      const page = await listBranches(ctx.store, E, { limit: 1 });
      const b = definition.branches[0];
      expect(page.items[0]).toEqual({
        id: b?.id,
        name: b?.name,
        countyId: b?.countyId,
        zoneId: b?.zoneId,
        zoneHqId: b?.zoneHqId,
        kind: b?.kind,
        address: b?.address,
        expectedVoters: b?.expectedVoters,
      });
    });

    it('keeps the page size within bounds', async () => {
      expect((await listBranches(ctx.store, E, { limit: 0 })).limit).toBe(1);
      expect((await listBranches(ctx.store, E, { limit: 50_000 })).limit).toBe(1000);
      expect((await listBranches(ctx.store, E, { offset: -5 })).offset).toBe(0);
    });

    it('shows a mobile branch with its stops in order, its devices and its people', async () => {
      const branch = await getBranch(ctx.store, E, 'b-0004');
      expect(branch).toMatchObject({ id: 'b-0004', kind: 'mobile', zoneId: 'z-1' });
      expect(branch?.itinerary.map((s) => [s.id, s.arrive, s.depart])).toEqual([
        ['b-0004-s1', '08:30', '12:00'],
        ['b-0004-s2', '13:00', '17:30'],
      ]);
      expect(branch?.devices.map((v) => [v.serial, v.kind, v.status])).toEqual([
        ['A-0004', 'authentication', 'registered'],
        ['V-0004', 'voting', 'registered'],
      ]);
      expect(branch?.staff.map((p) => p.id)).toEqual([
        'b-0004-t1',
        'b-0004-t2',
        'b-0004-t3',
        'b-0004-t4',
        'b-0004-t5',
        'inspector-1',
      ]);
      expect(branch?.staff.filter((p) => p.trusteeRole === 'chair').map((p) => p.id)).toEqual([
        'b-0004-t1',
      ]);
      expect(branch?.staff.filter((p) => p.deviceOperator).map((p) => p.id)).toEqual(['b-0004-t2']);
    });

    it('shows a fixed branch with no stops, and nothing for an unknown branch', async () => {
      expect((await getBranch(ctx.store, E, 'b-0001'))?.itinerary).toEqual([]);
      expect(await getBranch(ctx.store, E, 'b-9999')).toBeUndefined();
      expect(await getBranch(ctx.store, 'no-such-election', 'b-0001')).toBeUndefined();
    });

    it('counts branches per zone and per zone HQ', async () => {
      const expected = (key: 'zoneId' | 'zoneHqId', id: string) => {
        const mine = definition.branches.filter((b) => b[key] === id);
        return {
          branchCount: mine.length,
          mobileBranchCount: mine.filter((b) => b.kind === 'mobile').length,
          expectedVoters: mine.reduce((sum, b) => sum + b.expectedVoters, 0),
        };
      };
      expect(await listZones(ctx.store, E)).toEqual(
        definition.zones.map((z) => ({
          id: z.id,
          name: z.name,
          countyId: z.countyId,
          ...expected('zoneId', z.id),
        })),
      );
      expect(await listZoneHqs(ctx.store, E)).toEqual(
        definition.zoneHqs.map((z) => ({
          id: z.id,
          name: z.name,
          countyId: z.countyId,
          ...expected('zoneHqId', z.id),
        })),
      );
    });

    it('lists the candidates in ballot order, not code order', async () => {
      expect((await listCandidates(ctx.store, E)).map((c) => c.code)).toEqual([
        '31',
        '12',
        '47',
        '20',
      ]);
      expect(await listCandidates(ctx.store, 'no-such-election')).toEqual([]);
    });
  },
  { isolation: 'file' },
);
