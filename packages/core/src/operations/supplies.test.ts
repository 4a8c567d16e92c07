import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { branchReadiness, branchReturns } from './readiness.js';
import {
  allocate,
  dateOfSupplyDay,
  nextShipmentState,
  planSupplies,
  SUPPLY_CATALOGUE,
  supplyItem,
  type BranchForSupplies,
  type ShipmentFacts,
} from './supplies.js';

const fixed = (expectedVoters: number): BranchForSupplies => ({
  id: 'b-1',
  zoneHqId: 'zhq-1',
  kind: 'fixed',
  expectedVoters,
});
const mobile: BranchForSupplies = { ...fixed(300), id: 'b-2', kind: 'mobile' };

describe('allocation', () => {
  it('gives a mobile branch power banks and a fixed one a UPS', () => {
    expect(allocate(mobile)).toMatchObject({ 'power-bank': 2 });
    expect(allocate(mobile).ups).toBeUndefined();
    expect(allocate(fixed(300))).toMatchObject({ ups: 1 });
    expect(allocate(fixed(300))['power-bank']).toBeUndefined();
  });

  test.prop([fc.integer({ min: 0, max: 100_000 }), fc.boolean()])(
    'sends paper and boxes enough for every expected voter, four seals a box',
    (voters, isMobile) => {
      const a = allocate({ ...fixed(voters), kind: isMobile ? 'mobile' : 'fixed' });
      expect((a['paper-roll'] ?? 0) * 250).toBeGreaterThanOrEqual(voters + 250);
      expect((a['sealed-box'] ?? 0) * 1_500).toBeGreaterThan(voters);
      expect(a.seal).toBe((a['sealed-box'] ?? 0) * 4);
      expect([a['authentication-device'], a['voting-device'], a['receipt-printer']]).toEqual([
        1, 1, 1,
      ]);
    },
  );
});

describe('the three-day plan', () => {
  it('sends everything over D-3..D-1 and collects every returnable item on D+1', () => {
    const plan = planSupplies([fixed(700), mobile]);
    for (const b of [fixed(700), mobile]) {
      const mine = plan.filter((p) => p.branchId === b.id);
      expect(mine.map((p) => p.day)).toEqual(['D-3', 'D-2', 'D-1', 'D+1']);
      const sent: Record<string, number> = {};
      for (const p of mine.filter((x) => x.phase === 'distribution'))
        for (const l of p.lines) sent[l.item] = (sent[l.item] ?? 0) + l.quantity;
      expect(sent).toEqual(allocate(b));
      const collected = mine.find((p) => p.phase === 'collection')?.lines.map((l) => l.item);
      expect(collected).toEqual(
        supplyItem.options.filter(
          (i) => SUPPLY_CATALOGUE[i].returnable && (allocate(b)[i] ?? 0) > 0,
        ),
      );
    }
    expect(plan.find((p) => p.day === 'D-1')?.lines.map((l) => l.item)).toContain('voting-device');
    expect(dateOfSupplyDay('2024-05-10', 'D-3')).toBe('2024-05-07');
    expect(dateOfSupplyDay('2024-03-01', 'D-1')).toBe('2024-02-29');
  });

  it('moves a shipment out one state at a time, and a collection back', () => {
    expect(nextShipmentState('distribution', 'planned', 'packed').ok).toBe(true);
    expect(nextShipmentState('distribution', 'planned', 'delivered').ok).toBe(false);
    expect(nextShipmentState('top-up', 'delivered', 'confirmed').ok).toBe(true);
    expect(nextShipmentState('distribution', 'confirmed', 'returned').ok).toBe(false);
    expect(nextShipmentState('collection', 'planned', 'dispatched').ok).toBe(true);
    expect(nextShipmentState('collection', 'dispatched', 'returned').ok).toBe(true);
    expect(nextShipmentState('collection', 'dispatched', 'delivered').ok).toBe(false);
  });
});

describe('readiness at an instant', () => {
  const b = fixed(700);
  const plan = planSupplies([b]).filter((p) => p.phase === 'distribution');
  const arb = fc.array(
    fc.record({
      delivered: fc.option(fc.integer({ min: 0, max: 100 })),
      fault: fc.option(
        fc.record({
          kind: fc.constantFrom('short' as const, 'damaged' as const, 'wrong-branch' as const),
          at: fc.integer({ min: 0, max: 100 }),
        }),
      ),
    }),
    { minLength: plan.length, maxLength: plan.length },
  );

  test.prop([arb, fc.integer({ min: -1, max: 101 })])(
    'is ready exactly when every shipment arrived and nothing was reported missing or broken by then',
    (fates, at) => {
      const shipments: ShipmentFacts[] = plan.map((p, i) => {
        const fate = fates[i];
        const first = p.lines[0];
        return {
          id: `s-${i}`,
          branchId: b.id,
          zoneHqId: b.zoneHqId,
          phase: p.phase,
          lines: p.lines,
          reached: fate?.delivered == null ? {} : { delivered: fate.delivered },
          discrepancies:
            fate?.fault == null || first === undefined
              ? []
              : [{ kind: fate.fault.kind, item: first.item, quantity: 1, at: fate.fault.at }],
        };
      });
      const expected = fates.every(
        (f) => f.delivered != null && f.delivered <= at && (f.fault == null || f.fault.at > at),
      );
      expect(branchReadiness(b, shipments, at).ready).toBe(expected);
    },
  );

  it('counts damaged items as arrived for the D+1 collection, short ones not', () => {
    const shipments: ShipmentFacts[] = [
      {
        id: 's',
        branchId: b.id,
        zoneHqId: b.zoneHqId,
        phase: 'distribution',
        lines: [
          { item: 'voting-device', quantity: 1 },
          { item: 'sealed-box', quantity: 2 },
        ],
        reached: { delivered: 0 },
        discrepancies: [
          { kind: 'damaged', item: 'voting-device', quantity: 1, at: 1 },
          { kind: 'short', item: 'sealed-box', quantity: 1, at: 1 },
        ],
      },
      {
        id: 'c',
        branchId: b.id,
        zoneHqId: b.zoneHqId,
        phase: 'collection',
        lines: [],
        reached: { returned: 10 },
        discrepancies: [],
        returnedCounts: { 'sealed-box': 1 },
      },
    ];
    expect(branchReturns(b, shipments, 9).outstanding).toEqual([
      { item: 'voting-device', arrived: 1, returned: 0 },
      { item: 'sealed-box', arrived: 1, returned: 0 },
    ]);
    expect(branchReturns(b, shipments, 10).outstanding).toEqual([
      { item: 'voting-device', arrived: 1, returned: 0 },
    ]);
  });
});
