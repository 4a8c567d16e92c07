import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { planSupplies, readinessByZone } from '@sandogh/core';
import { describeEachEngine } from '../testing/engines.js';
import {
  applyIncidentStep,
  getIncident,
  incidentsAwaitingEscalation,
  incidentTimeline,
  insertIncident,
  listIncidents,
  markEscalated,
  type NewIncident,
} from './incidents.js';
import {
  addDiscrepancies,
  countShipments,
  getShipment,
  insertShipments,
  moveShipment,
  recordReturnedCounts,
  shipmentFacts,
} from './supplies.js';
import {
  attendanceOf,
  latestQueues,
  recordAttendance,
  recordQueue,
  recordStop,
  recordVisits,
  stopRecords,
  visitsByBranch,
} from './floor.js';

const E = 'e1';
const at = (minute: number) => new Date(Date.UTC(2024, 4, 10, 5, minute)).toISOString();

function report(over: Partial<NewIncident> = {}): NewIncident {
  return {
    election_id: E,
    branch_id: 'b-0001',
    zone_hq_id: 'zhq-1',
    zone_id: 'z-1',
    kind: 'voting-device',
    severity: 'cannot-vote',
    team: 'it-committee',
    description: 'دستگاه روشن نمی‌شود',
    source: 'staff',
    reported_by: 'chair-1',
    device_message_id: null,
    stop_id: null,
    reported_at: at(0),
    ...over,
  };
}

describeEachEngine('election-day operations in the store', (ctx) => {
  it('keeps an incident with its timeline; a step applies only from the state it was decided from', async () => {
    const made = await ctx.store.transaction((trx) => insertIncident(trx, report()));
    expect(made.created).toBe(true);
    const id = made.incident.id;
    const step = (from: 'reported' | 'acknowledged', minute: number) =>
      ctx.store.transaction((trx) =>
        applyIncidentStep(
          trx,
          made.incident,
          from,
          'acknowledged',
          { acknowledged_at: at(minute) },
          { step: 'acknowledge', at: at(minute), actor: 'it-1', note: null },
        ),
      );
    const [a, b] = await Promise.all([step('reported', 1), step('reported', 1)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect((await getIncident(ctx.store.db, E, id))?.state).toBe('acknowledged');
    expect((await incidentTimeline(ctx.store.db, E, id)).map((e) => e.step)).toEqual([
      'reported',
      'acknowledge',
    ]);
    expect(await listIncidents(ctx.store.db, E, { zoneHqId: 'zhq-2' })).toEqual([]);
    expect(await listIncidents(ctx.store.db, E, { openOnly: true })).toHaveLength(1);
  });

  it('makes one incident per device message and per late stop', async () => {
    const once = report({ source: 'device', device_message_id: 'a'.repeat(32) });
    const first = await ctx.store.transaction((trx) => insertIncident(trx, once));
    const again = await ctx.store.transaction((trx) => insertIncident(trx, once));
    expect(again).toEqual({ created: false, incident: first.incident });
    const late = report({ source: 'hq', stop_id: 'b-0004-s1', branch_id: 'b-0004' });
    await ctx.store.transaction((trx) => insertIncident(trx, late));
    expect((await ctx.store.transaction((trx) => insertIncident(trx, late))).created).toBe(false);
    await expect(
      sql`insert into incidents (election_id, id, branch_id, zone_hq_id, zone_id, kind, severity, team, state, description, source, reported_by, device_message_id, reported_at)
          values ('e1', 'x', 'b-0001', 'zhq-1', 'z-1', 'voting-device', 'minor', 'it-committee', 'reported', '', 'device', 'V', ${'a'.repeat(32)}, ${at(0)})`.execute(
        ctx.store.db,
      ),
    ).rejects.toThrow(/unique|constraint/i);
    expect(await listIncidents(ctx.store.db, E)).toHaveLength(2);
  });

  it('escalates each breach once', async () => {
    const made = await ctx.store.transaction((trx) => insertIncident(trx, report()));
    expect(await incidentsAwaitingEscalation(ctx.store.db, E)).toHaveLength(1);
    const mark = () =>
      ctx.store.transaction((trx) => markEscalated(trx, E, made.incident.id, 'acknowledge', at(3)));
    expect(await mark()).toBe(true);
    expect(await mark()).toBe(false);
    expect((await getIncident(ctx.store.db, E, made.incident.id))?.acknowledge_escalated_at).toBe(
      at(3),
    );
  });

  it('stores the three-day plan and every shipment state with its instant', async () => {
    const branches = [
      { id: 'b-0001', zoneHqId: 'zhq-1', kind: 'fixed' as const, expectedVoters: 700 },
      { id: 'b-0002', zoneHqId: 'zhq-1', kind: 'mobile' as const, expectedVoters: 100 },
    ];
    const plan = planSupplies(branches);
    const ids = await ctx.store.transaction((trx) =>
      insertShipments(ctx.store, trx, E, plan, at(0)),
    );
    expect(await countShipments(ctx.store.db, E)).toBe(plan.length);
    const out = plan.flatMap((p, i) => (p.phase === 'distribution' ? [ids[i] ?? ''] : []));
    for (const [k, id] of out.entries()) {
      for (const [from, to] of [
        ['planned', 'packed'],
        ['packed', 'dispatched'],
        ['dispatched', 'delivered'],
      ] as const)
        expect(
          await ctx.store.transaction((trx) => moveShipment(trx, E, id, from, to, at(10 + k))),
        ).toBe(true);
    }
    expect(
      await ctx.store.transaction((trx) =>
        moveShipment(trx, E, out[0] ?? '', 'planned', 'packed', at(50)),
      ),
    ).toBe(false);
    let facts = await shipmentFacts(ctx.store.db, E);
    expect(readinessByZone(branches, facts, Date.parse(at(59)))[0]?.ready).toBe(2);
    const paper = plan.findIndex((p) => p.lines.some((l) => l.item === 'paper-roll'));
    await ctx.store.transaction((trx) =>
      addDiscrepancies(
        trx,
        E,
        ids[paper] ?? '',
        [{ kind: 'short', item: 'paper-roll', quantity: 2 }],
        at(60),
        'chair',
      ),
    );
    facts = await shipmentFacts(ctx.store.db, E);
    expect(readinessByZone(branches, facts, Date.parse(at(59)))[0]?.ready).toBe(2);
    expect(readinessByZone(branches, facts, Date.parse(at(60)))[0]?.ready).toBe(1);
    const collection = plan.findIndex((p) => p.phase === 'collection');
    await ctx.store.transaction((trx) =>
      recordReturnedCounts(trx, E, ids[collection] ?? '', {
        'voting-device': 1,
        'spare-device': 1,
      }),
    );
    const got = await getShipment(ctx.store.db, E, ids[collection] ?? '');
    expect(got?.lines.find((l) => l.item === 'spare-device')).toMatchObject({
      quantity: 0,
      returned: 1,
    });
  });

  it('keeps the latest attendance, each stop once, queue reports, and each voter-time batch once', async () => {
    const mark = (status: 'present' | 'absent', minute: number) =>
      ctx.store.transaction((trx) =>
        recordAttendance(trx, {
          election_id: E,
          staff_id: 'b-0001-t1',
          branch_id: 'b-0001',
          status,
          at: at(minute),
          recorded_by: 'gov',
        }),
      );
    await mark('absent', 0);
    await mark('present', 5);
    expect(await attendanceOf(ctx.store.db, E, ['b-0001'])).toEqual([
      expect.objectContaining({ staff_id: 'b-0001-t1', status: 'present', at: at(5) }),
    ]);
    const stop = (event: 'arrive' | 'depart', minute: number, voters: number | null = null) =>
      ctx.store.transaction((trx) =>
        recordStop(trx, E, 'b-0004', 'b-0004-s1', event, at(minute), voters),
      );
    expect(await stop('arrive', 30)).toBe(true);
    expect(await stop('arrive', 31)).toBe(false);
    expect(await stop('depart', 50, 42)).toBe(true);
    expect(await stop('depart', 51, 43)).toBe(false);
    expect(await stopRecords(ctx.store.db, E, 'b-0004')).toEqual([
      expect.objectContaining({ arrived_at: at(30), departed_at: at(50), voters: 42 }),
    ]);
    await ctx.store.transaction((trx) => recordQueue(trx, E, 'b-0001', 12, at(1)));
    await ctx.store.transaction((trx) => recordQueue(trx, E, 'b-0001', 30, at(2)));
    expect((await latestQueues(ctx.store.db, E)).get('b-0001')?.length).toBe(30);
    const visit = { identity: 10_000, 'wait-device': 5_000, casting: 30_000, printing: 4_000 };
    const batch = (id: string) =>
      ctx.store.transaction((trx) => recordVisits(trx, E, 'b-0001', id, [visit, visit], at(3)));
    expect(await batch('batch-1')).toBe(true);
    expect(await batch('batch-1')).toBe(false);
    expect((await visitsByBranch(ctx.store.db, E)).get('b-0001')).toEqual([visit, visit]);
    const stored = await sql<{ hour: string }>`select hour from voter_visits`.execute(ctx.store.db);
    expect(stored.rows.map((r) => r.hour)).toEqual(['2024-05-10T05', '2024-05-10T05']);
  });
});
