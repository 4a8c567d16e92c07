import { afterEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '@sandogh/store/testing';
import { listIncidents } from '@sandogh/store';
import type { StationStepEvent, VoterStep } from '@sandogh/core';
import { openHqAudit } from '../audit/index.js';
import { signedBy } from '../devices/testing.js';
import { sweepIncidents } from '../incidents/sweep.js';
import {
  branchScope,
  definition,
  hash,
  MINUTE,
  OPENING,
  operationsHarness,
  zoneHqScope,
  type OperationsHarness,
} from '../incidents/testSupport.js';

const STEPS: readonly VoterStep[] = ['identity', 'wait-device', 'casting', 'printing'];
const HOUR = 60 * MINUTE;

/** A small deterministic generator (mulberry32). */
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

/** The test's own figures, written independently of core's stats.ts. */
function independent(seconds: readonly number[]) {
  const s = [...seconds].sort((x, y) => x - y);
  if (s.length === 0) return { count: 0, median: null, p95: null };
  const median =
    s.length % 2 === 1
      ? (s[(s.length - 1) / 2] ?? 0)
      : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
  let p95 = s[s.length - 1] ?? 0;
  for (let k = 0; k < s.length; k++)
    if ((k + 1) / s.length >= 0.95) {
      p95 = s[k] ?? 0;
      break;
    }
  return { count: s.length, median, p95 };
}

interface Truth {
  readonly total: number[];
  readonly steps: Record<VoterStep, number[]>;
}

describeEachEngine('the branch floor through the HQ', (ctx) => {
  let h: OperationsHarness | undefined;
  afterEach(async () => {
    await h?.app.close();
    h = undefined;
  });

  it('records attendance and flags a branch without its required people before opening', async () => {
    h = await operationsHarness(ctx.store);
    const gov = await h.as('governor-representative', { kind: 'zone', zoneId: 'z-1' });
    const zone = await h.as('zone-hq-staff', zoneHqScope('zhq-1'));
    const mark = (staffId: string, status: string) =>
      (h as OperationsHarness).app.inject({
        method: 'PUT',
        url: `/api/v1/branches/b-0001/attendance/${staffId}`,
        headers: gov.headers,
        payload: { status },
      });
    const staffing = () =>
      (h as OperationsHarness).app.inject({
        url: '/api/v1/branches/b-0001/staffing',
        headers: zone.headers,
      });
    expect((await mark('b-0001-t1', 'present')).statusCode).toBe(200);
    expect((await mark('b-0002-t1', 'present')).json()).toMatchObject({
      code: 'STAFF_NOT_ASSIGNED',
    });
    expect((await mark('b-0001-t1', 'asleep')).statusCode).toBe(400);
    expect((await staffing()).json()).toMatchObject({
      ready: false,
      gaps: ['device-operator-absent', 'trustee-quorum'],
    });
    await mark('b-0001-t2', 'present');
    await mark('b-0001-t3', 'present');
    expect((await staffing()).json()).toMatchObject({ ready: true, gaps: [] });
    await mark('b-0001-t1', 'left');
    const flagged = await h.app.inject({
      url: '/api/v1/zone-hqs/zhq-1/staffing',
      headers: zone.headers,
    });
    expect(flagged.json()).toMatchObject({
      branches: 4,
      ready: 0,
      flagged: [
        { branchId: 'b-0001', gaps: ['chair-absent', 'trustee-quorum'] },
        { branchId: 'b-0002' },
        { branchId: 'b-0003' },
        { branchId: 'b-0004' },
      ],
    });
    const [entry] = await h.audit(1);
    expect(entry?.action).toBe('branches.attendance.recorded');
  });

  it('follows a mobile branch stop by stop, and a late stop raises an incident by itself', async () => {
    h = await operationsHarness(ctx.store);
    // Stop 1 is planned at 08:30 Tehran; the branch arrives at 08:40 and leaves at 12:00.
    h.set(OPENING + 40 * MINUTE);
    const chair = await h.as('branch-trustee', branchScope('b-0004'), { trusteeRole: 'chair' });
    const post = (url: string, payload?: unknown) =>
      (h as OperationsHarness).app.inject({
        method: 'POST',
        url: `/api/v1/branches/b-0004/itinerary/${url}`,
        headers: chair.headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const arrived = await post('b-0004-s1/arrive');
    expect(arrived.json()).toMatchObject({ currentStop: 'b-0004-s1', late: [] });
    expect((await post('b-0004-s2/arrive')).json()).toMatchObject({ code: 'MOBILE_STOP_ORDER' });
    h.set(OPENING + 4 * HOUR);
    const again = await h.as('branch-trustee', branchScope('b-0004'), { trusteeRole: 'chair' });
    const left = await h.app.inject({
      method: 'POST',
      url: '/api/v1/branches/b-0004/itinerary/b-0004-s1/depart',
      headers: again.headers,
      payload: { voters: 57 },
    });
    expect(left.json()).toMatchObject({
      currentStop: 'b-0004-s2',
      stops: [{ stopId: 'b-0004-s1', status: 'done', voters: 57 }, { status: 'pending' }],
    });
    const hq = await h.as('hq-staff');
    const unknown = await h.app.inject({
      method: 'POST',
      url: '/api/v1/branches/b-0004/itinerary/b-0004-s9/arrive',
      headers: hq.headers,
    });
    expect(unknown.json()).toMatchObject({ code: 'MOBILE_STOP_NOT_FOUND' });
    const fixed = await h.app.inject({
      url: '/api/v1/branches/b-0001/itinerary',
      headers: hq.headers,
    });
    expect(fixed.json()).toMatchObject({ code: 'MOBILE_NOT_MOBILE' });

    // Stop 2 is planned at 13:00; at 13:16 nobody has arrived: late, and an incident, once.
    const audit = openHqAudit(ctx.store, 'sqlite::memory:', { checkpointIntervalMs: 0 });
    const sweep = (at: number) => sweepIncidents({ store: ctx.store, audit }, at);
    const lateAt = async (branch: string) =>
      (await listIncidents(ctx.store.db, definition.election.id))
        .filter((i) => i.branch_id === branch)
        .map((i) => i.stop_id)
        .sort();
    await sweep(OPENING + 5 * HOUR + 15 * MINUTE);
    expect(await lateAt('b-0004')).toEqual([]);
    await sweep(OPENING + 5 * HOUR + 16 * MINUTE);
    expect(await lateAt('b-0004')).toEqual(['b-0004-s2']);
    expect((await sweep(OPENING + 5 * HOUR + 30 * MINUTE)).lateStops).toBe(0);
    expect(await lateAt('b-0004')).toEqual(['b-0004-s2']);
    // The other mobile branch (b-0008) never moved: both its stops are late, once each.
    expect(await lateAt('b-0008')).toEqual(['b-0008-s1', 'b-0008-s2']);
    const [incident] = (await listIncidents(ctx.store.db, definition.election.id)).filter(
      (i) => i.stop_id === 'b-0004-s2',
    );
    expect(incident).toMatchObject({ severity: 'cannot-vote', source: 'hq', team: 'zone-hq' });
  });

  it('computes time per voter from a generated event stream, equal to an independent computation', async () => {
    h = await operationsHarness(ctx.store);
    const rnd = random(70);
    const truth = new Map<string, Truth>();
    let visit = 1;
    // b-0001 slow (about 90 s a voter), b-0002 fast (about 40 s), b-0005 in the other zone HQ.
    const plan = [
      ['b-0001', 'A-0001', 2.2, 61],
      ['b-0002', 'A-0002', 1, 40],
      ['b-0005', 'V-0005', 1.3, 25],
    ] as const;
    for (const [branch, device, scale, voters] of plan) {
      const t: Truth = {
        total: [],
        steps: { identity: [], 'wait-device': [], casting: [], printing: [] },
      };
      truth.set(branch, t);
      const events: StationStepEvent[] = [];
      for (let v = 0; v < voters; v++) {
        const key = (Math.floor(rnd() * 2 ** 30) * 4_096 + visit++).toString(16).padStart(16, '0');
        let clock = OPENING + v * 70_000;
        const complete = v % 10 !== 9; // every tenth voter's printing end is lost
        let total = 0;
        for (const step of STEPS) {
          const ms = Math.round((2_000 + rnd() * 18_000) * scale);
          events.push({ visit: key, step, edge: 'start', at: new Date(clock).toISOString() });
          clock += ms;
          if (step === 'printing' && !complete) break;
          events.push({ visit: key, step, edge: 'end', at: new Date(clock).toISOString() });
          t.steps[step].push(ms / 1000);
          total += ms;
        }
        if (complete) t.total.push(total / 1000);
      }
      events.sort(() => rnd() - 0.5);
      const message = signedBy({
        election: hash,
        device,
        branch,
        kind: 'branches.voterTimes',
        body: { events },
      });
      const send = () =>
        (h as OperationsHarness).app.inject({
          method: 'POST',
          url: '/api/v1/voter-times',
          payload: message,
        });
      const sent = await send();
      expect(sent.statusCode, sent.body).toBe(201);
      expect(sent.json()).toMatchObject({
        status: 'stored',
        dropped: t.steps.identity.length - t.total.length,
      });
      expect((await send()).json()).toMatchObject({ status: 'duplicate' });
    }
    const zone = await h.as('zone-hq-staff', zoneHqScope('zhq-1'));
    const queued = await h.app.inject({
      method: 'POST',
      url: '/api/v1/branches/b-0001/queue',
      headers: zone.headers,
      payload: { length: 35 },
    });
    expect(queued.statusCode).toBe(201);
    const res = await h.app.inject({
      url: '/api/v1/zone-hqs/zhq-1/speed?targetSeconds=60',
      headers: zone.headers,
    });
    const body = res.json<{
      alerts: string[];
      branches: {
        branchId: string;
        voters: unknown;
        steps: Record<VoterStep, unknown>;
        queue: { length: number } | null;
      }[];
    }>();
    expect(body.branches.map((b) => b.branchId)).toEqual(['b-0001', 'b-0002', 'b-0003', 'b-0004']);
    expect(body.alerts).toEqual(['b-0001']);
    expect(body.branches[0]?.queue?.length).toBe(35);
    for (const b of body.branches.slice(0, 2)) {
      const t = truth.get(b.branchId);
      if (t === undefined) throw new Error('no truth');
      expect(b.voters).toEqual(independent(t.total));
      for (const step of STEPS) expect(b.steps[step]).toEqual(independent(t.steps[step]));
    }
    const county = await h.as('hq-staff');
    const all = await h.app.inject({ url: '/api/v1/speed', headers: county.headers });
    const zones = all.json<{ zones: { zoneHqId: string; voters: unknown }[] }>().zones;
    const zhq1 = [...(truth.get('b-0001')?.total ?? []), ...(truth.get('b-0002')?.total ?? [])];
    expect(zones.find((z) => z.zoneHqId === 'zhq-1')?.voters).toEqual(independent(zhq1));
    expect(zones.find((z) => z.zoneHqId === 'zhq-2')?.voters).toEqual(
      independent(truth.get('b-0005')?.total ?? []),
    );
    // Law 2: HQ keeps durations and the hour, nothing to join with a voter or a ballot.
    const rows = await sql<Record<string, unknown>>`select * from voter_visits`.execute(
      ctx.store.db,
    );
    expect(Object.keys(rows.rows[0] ?? {}).sort()).toEqual([
      'branch_id',
      'casting_ms',
      'election_id',
      'hour',
      'identity_ms',
      'printing_ms',
      'wait_ms',
    ]);
  });
});
