import { afterEach, expect, it } from 'vitest';
import { describeEachEngine } from '@sandogh/store/testing';
import { allocate, SUPPLY_CATALOGUE, type SupplyItem } from '@sandogh/core';
import { countShipments } from '@sandogh/store';
import {
  branchScope,
  definition,
  MINUTE,
  OPENING,
  operationsHarness,
  zoneHqScope,
  type OperationsHarness,
} from '../incidents/testSupport.js';
import { sessionFor } from '../access/testing.js';

interface Shipment {
  id: string;
  branchId: string;
  phase: string;
  day: string;
  state: string;
  lines: { item: SupplyItem; quantity: number }[];
}

/** A small deterministic generator (mulberry32), so a failure names its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY = 24 * 60 * MINUTE;

describeEachEngine('supplies through the HQ', (ctx) => {
  let h: OperationsHarness | undefined;
  afterEach(async () => {
    await h?.app.close();
    h = undefined;
  });

  it('plans, moves and reads readiness correctly against a generated history with injected faults', async () => {
    h = await operationsHarness(ctx.store);
    const hq = await h.as('hq-staff');
    const support = await h.as('support-committee');
    // Sessions time out on the HQ's clock, which this test moves across days: a fresh one each.
    const post = async (url: string, payload: unknown = {}, who = support) => {
      const app = (h as OperationsHarness).app;
      const { headers } = await sessionFor(app, who.account);
      return app.inject({
        method: 'POST',
        url: `/api/v1${url}`,
        headers,
        payload: payload as object,
      });
    };
    const dMinus3 = OPENING - 3 * DAY;
    h.set(dMinus3 - DAY);
    const planned = await post('/supplies/plan', {}, hq);
    expect(planned.statusCode, planned.body).toBe(201);
    expect((await post('/supplies/plan', {}, hq)).json()).toMatchObject({
      code: 'SUPPLY_PLAN_EXISTS',
    });
    const shipments: Shipment[] = [];
    for (const b of definition.branches) {
      const res = await h.app.inject({
        url: `/api/v1/branches/${b.id}/supplies`,
        headers: (await sessionFor(h.app, hq.account)).headers,
      });
      shipments.push(...res.json<{ shipments: Shipment[] }>().shipments);
    }
    expect(shipments).toHaveLength(await countShipments(ctx.store.db, definition.election.id));

    // The generated history, and beside it the test's own model: when each shipment was
    // delivered, when each branch was first found short, and what reached each branch.
    const rnd = random(20240510);
    const arrived = new Map<string, Map<SupplyItem, number>>();
    const deliveredAt = new Map<string, number>(); // shipment → instant (absent: never)
    const faultAt = new Map<string, number>(); // branch → first fault reported
    const add = (branch: string, item: SupplyItem, n: number) => {
      const m = arrived.get(branch) ?? new Map<SupplyItem, number>();
      m.set(item, (m.get(item) ?? 0) + n);
      arrived.set(branch, m);
    };
    const fault = (branch: string, at: number) =>
      faultAt.set(branch, Math.min(faultAt.get(branch) ?? Infinity, at));
    const outbound = shipments.filter((s) => s.phase === 'distribution');
    for (const [i, s] of outbound.entries()) {
      const day = { 'D-3': 0, 'D-2': 1, 'D-1': 2 }[s.day] ?? 0;
      const at = dMinus3 + day * DAY + i * MINUTE;
      const fate = rnd();
      if (fate < 0.1) continue;
      for (const to of ['packed', 'dispatched', 'delivered']) {
        h.set(at);
        const moved = await post(`/branches/${s.branchId}/shipments/${s.id}/state`, { to });
        expect(moved.statusCode, moved.body).toBe(200);
      }
      deliveredAt.set(s.id, at);
      const line = s.lines[Math.floor(rnd() * s.lines.length)];
      if (line === undefined) throw new Error('a shipment without lines');
      const received: Partial<Record<SupplyItem, number>> = {};
      for (const l of s.lines) received[l.item] = l.quantity;
      h.set(at + 30 * MINUTE);
      if (fate < 0.25) {
        received[line.item] = line.quantity - 1;
        fault(s.branchId, at + 30 * MINUTE);
      }
      if (fate >= 0.25 && fate < 0.35) {
        const wrong = await post(`/branches/${s.branchId}/shipments/${s.id}/discrepancies`, {
          kind: 'wrong-branch',
        });
        expect(wrong.statusCode, wrong.body).toBe(201);
        fault(s.branchId, at + 30 * MINUTE);
        continue;
      }
      const confirmed = await post(`/branches/${s.branchId}/shipments/${s.id}/confirm`, {
        received,
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      for (const l of s.lines) add(s.branchId, l.item, received[l.item] ?? 0);
    }

    /** The model's answer: not ready while a shipment is not delivered or after a fault. */
    const modelNotReady = (at: number) =>
      definition.branches
        .map((b) => b.id)
        .filter(
          (b) =>
            outbound.some((s) => s.branchId === b && (deliveredAt.get(s.id) ?? Infinity) > at) ||
            (faultAt.get(b) ?? Infinity) <= at,
        )
        .sort();
    const notReadyAt = async (at: number) => {
      const app = (h as OperationsHarness).app;
      const zones = await app.inject({
        url: `/api/v1/supplies/readiness?at=${new Date(at).toISOString()}`,
        headers: (await sessionFor(app, hq.account)).headers,
      });
      return zones
        .json<{ zones: { notReady: string[] }[] }>()
        .zones.flatMap((z) => z.notReady)
        .sort();
    };
    const instants = [
      dMinus3 - 1,
      dMinus3 + DAY + 10 * MINUTE,
      OPENING,
      ...[...faultAt.values()].flatMap((t) => [t - 1, t]),
      ...[...deliveredAt.values()].slice(-3),
    ];
    expect(faultAt.size).toBeGreaterThan(0);
    for (const at of instants)
      expect(await notReadyAt(at), new Date(at).toISOString()).toEqual(modelNotReady(at));
    expect(modelNotReady(OPENING).length).toBeLessThan(definition.branches.length);

    // D+1: collections, some short, some never back.
    const returnsModel = new Map<string, boolean>();
    for (const s of shipments.filter((x) => x.phase === 'collection')) {
      const m = arrived.get(s.branchId) ?? new Map<SupplyItem, number>();
      const returnable = [...m.entries()].filter(([item]) => SUPPLY_CATALOGUE[item].returnable);
      const fate = rnd();
      if (fate < 0.2) {
        returnsModel.set(
          s.branchId,
          returnable.every(([, n]) => n === 0),
        );
        continue;
      }
      h.set(OPENING + DAY + MINUTE);
      expect(
        (await post(`/branches/${s.branchId}/shipments/${s.id}/state`, { to: 'dispatched' }))
          .statusCode,
      ).toBe(200);
      const returned: Partial<Record<SupplyItem, number>> = {};
      for (const [item, n] of returnable) returned[item] = n;
      const missing = fate < 0.4 ? returnable.find(([, n]) => n > 0) : undefined;
      if (missing !== undefined) returned[missing[0]] = missing[1] - 1;
      h.set(OPENING + DAY + 2 * MINUTE);
      const back = await post(`/branches/${s.branchId}/shipments/${s.id}/return`, { returned });
      expect(back.statusCode, back.body).toBe(200);
      returnsModel.set(s.branchId, missing === undefined);
    }
    const after = await h.app.inject({
      url: `/api/v1/supplies/readiness?at=${new Date(OPENING + 2 * DAY).toISOString()}`,
      headers: (await sessionFor(h.app, hq.account)).headers,
    });
    const outstanding = after
      .json<{ zones: { returnsOutstanding: string[] }[] }>()
      .zones.flatMap((z) => z.returnsOutstanding)
      .sort();
    expect(outstanding).toEqual(
      [...returnsModel.entries()]
        .filter(([, complete]) => !complete)
        .map(([b]) => b)
        .sort(),
    );
    expect(outstanding.length).toBeGreaterThan(0);
  });

  it('takes a top-up, a branch confirmation, and answers a Persian pick list', async () => {
    h = await operationsHarness(ctx.store);
    const hq = await h.as('hq-staff');
    const support = await h.as('support-committee', zoneHqScope('zhq-1'));
    const chair = await h.as('branch-trustee', branchScope('b-0001'), { trusteeRole: 'chair' });
    const secretary = await h.as('branch-trustee', branchScope('b-0001'), {
      trusteeRole: 'secretary',
    });
    await h.app.inject({ method: 'POST', url: '/api/v1/supplies/plan', headers: hq.headers });
    const topUp = await h.app.inject({
      method: 'POST',
      url: '/api/v1/branches/b-0001/top-ups',
      headers: support.headers,
      payload: { lines: [{ item: 'paper-roll', quantity: 2 }] },
    });
    expect(topUp.statusCode, topUp.body).toBe(201);
    const shipment = topUp.json<Shipment>();
    expect(shipment).toMatchObject({ phase: 'top-up', day: 'D', state: 'planned' });
    const confirmEarly = await h.app.inject({
      method: 'POST',
      url: `/api/v1/branches/b-0001/shipments/${shipment.id}/confirm`,
      headers: chair.headers,
      payload: { received: { 'paper-roll': 2 } },
    });
    expect(confirmEarly.json()).toMatchObject({ code: 'SUPPLY_TRANSITION' });
    for (const to of ['packed', 'dispatched', 'delivered'])
      await h.app.inject({
        method: 'POST',
        url: `/api/v1/branches/b-0001/shipments/${shipment.id}/state`,
        headers: support.headers,
        payload: { to },
      });
    const bySecretary = await h.app.inject({
      method: 'POST',
      url: `/api/v1/branches/b-0001/shipments/${shipment.id}/confirm`,
      headers: secretary.headers,
      payload: { received: { 'paper-roll': 2 } },
    });
    expect(bySecretary.statusCode).toBe(403);
    const confirmed = await h.app.inject({
      method: 'POST',
      url: `/api/v1/branches/b-0001/shipments/${shipment.id}/confirm`,
      headers: chair.headers,
      payload: { received: { 'paper-roll': 1 }, damaged: { 'paper-roll': 1 } },
    });
    expect(confirmed.json()).toMatchObject({
      state: 'confirmed',
      discrepancies: [
        { kind: 'damaged', item: 'paper-roll', quantity: 1 },
        { kind: 'short', item: 'paper-roll', quantity: 1 },
      ],
    });
    const list = await h.app.inject({
      url: '/api/v1/zone-hqs/zhq-1/supplies/picklist?day=D-1',
      headers: support.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toMatch(/text\/html/);
    expect(list.body).toContain('dir="rtl"');
    expect(list.body).toContain('دستگاه اخذ رای');
    expect(list.body).toContain('۱۰ اسفند ۱۴۰۲'); // D-1: 29 February 2024
    const b1 = allocate({ id: 'b-0001', zoneHqId: 'zhq-1', kind: 'fixed', expectedVoters: 400 });
    expect(b1['sealed-box']).toBe(1);
    const other = await h.app.inject({
      url: '/api/v1/zone-hqs/zhq-2/supplies/picklist?day=D-1',
      headers: support.headers,
    });
    expect(other.statusCode).toBe(403);
  });
});
