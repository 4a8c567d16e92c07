import { afterEach, expect, it } from 'vitest';
import { describeEachEngine } from '@sandogh/store/testing';
import { listIncidents, type Store } from '@sandogh/store';
import { openHqAudit } from '../audit/index.js';
import { signedBy } from '../devices/testing.js';
import { sweepIncidents } from './sweep.js';
import {
  branchScope,
  definition,
  hash,
  MINUTE,
  OPENING,
  operationsHarness,
  zoneHqScope,
  type OperationsHarness,
} from './testSupport.js';

interface IncidentBody {
  id: string;
  state: string;
  team: string;
  deviceSwap: { faulty: string; replacement: string } | null;
  escalatedToCounty: { acknowledge: string | null; resolve: string | null };
  timeline?: { step: string; at: string; actor: string }[];
}

describeEachEngine('incidents through the HQ', (ctx) => {
  let h: OperationsHarness | undefined;
  afterEach(async () => {
    await h?.app.close();
    h = undefined;
  });

  async function setUp(sweepMs = 0) {
    h = await operationsHarness(ctx.store, { sweepMs });
    const chair = await h.as('branch-trustee', branchScope('b-0001'), { trusteeRole: 'chair' });
    const it1 = await h.as('it-committee', zoneHqScope('zhq-1'));
    const it2 = await h.as('it-committee', zoneHqScope('zhq-2'));
    const support1 = await h.as('support-committee', zoneHqScope('zhq-1'));
    const county = await h.as('hq-staff');
    return { h, chair, it1, it2, support1, county };
  }

  const post = (
    h: OperationsHarness,
    url: string,
    headers: Record<string, string>,
    payload: unknown = {},
  ) => h.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });

  async function report(h: OperationsHarness, headers: Record<string, string>, over = {}) {
    const res = await post(h, '/branches/b-0001/incidents', headers, {
      kind: 'voting-device',
      severity: 'cannot-vote',
      description: 'The voting device shows a blank screen',
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<IncidentBody>();
  }

  it('routes a report by kind and lets only the routed team, in its own zone, take it on', async () => {
    const { h, chair, it1, it2, support1 } = await setUp();
    const incident = await report(h, chair.headers);
    expect(incident).toMatchObject({ state: 'reported', team: 'it-committee' });
    const security = await report(h, chair.headers, { kind: 'security', severity: 'degraded' });
    expect(security.team).toBe('security');
    const [newest] = await h.audit(1);
    expect(newest).toMatchObject({ action: 'incidents.incident.reported', objectId: security.id });
    expect(newest?.details).not.toContain('blank screen');

    const ack = (headers: Record<string, string>) =>
      post(h, `/branches/b-0001/incidents/${incident.id}/acknowledge`, headers);
    expect((await ack(support1.headers)).json()).toMatchObject({ code: 'INCIDENT_NOT_YOUR_TEAM' });
    expect((await ack(it2.headers)).json()).toMatchObject({ code: 'ACCESS_FORBIDDEN' });
    expect((await ack(it1.headers)).json<IncidentBody>().state).toBe('acknowledged');
    expect((await ack(it1.headers)).json()).toMatchObject({ code: 'INCIDENT_TRANSITION' });
    const elsewhere = await post(
      h,
      `/branches/b-0002/incidents/${incident.id}/assign`,
      it1.headers,
      {
        assignee: 'Reza',
      },
    );
    expect(elsewhere.json()).toMatchObject({ code: 'INCIDENT_NOT_FOUND' });
  });

  it('escalates an SLA breach to the county HQ once, on a controlled clock', async () => {
    const { h, chair, it1, county } = await setUp();
    const incident = await report(h, chair.headers);
    h.set(OPENING + 2 * MINUTE);
    const sweep = () => sweepIncidents({ store: ctx.store, audit: auditOf(ctx.store) }, h.now());
    expect(await sweep()).toEqual({
      escalated: 0,
      lateStops: 0,
    });
    h.set(OPENING + 2 * MINUTE + 1);
    expect((await sweep()).escalated).toBe(1);
    expect((await sweep()).escalated).toBe(0);
    const [entry] = await h.audit(1);
    expect(entry).toMatchObject({
      action: 'incidents.incident.escalated',
      actorKind: 'system',
      objectId: incident.id,
    });
    const board = await h.app.inject({ url: '/api/v1/incidents/figures', headers: county.headers });
    const escalated = board.json<{ escalated: IncidentBody[] }>().escalated;
    expect(escalated.map((i) => i.id)).toEqual([incident.id]);
    expect(escalated[0]?.escalatedToCounty.acknowledge).toBe(
      new Date(OPENING + 2 * MINUTE + 1).toISOString(),
    );

    h.set(OPENING + 3 * MINUTE);
    await post(h, `/branches/b-0001/incidents/${incident.id}/acknowledge`, it1.headers);
    h.set(OPENING + 15 * MINUTE);
    expect((await sweep()).escalated).toBe(0);
    h.set(OPENING + 15 * MINUTE + 1);
    expect((await sweep()).escalated).toBe(1);
  });

  it('resolves an incident by a device swap, confirmed by the branch', async () => {
    const { h, chair, it1 } = await setUp();
    const incident = await report(h, chair.headers);
    const step = (path: string, headers: Record<string, string>, body: unknown = {}) =>
      post(h, `/branches/b-0001/incidents/${incident.id}/${path}`, headers, body);
    h.set(OPENING + MINUTE);
    await step('acknowledge', it1.headers);
    await step('assign', it1.headers, { assignee: 'Technician 3' });
    h.set(OPENING + 6 * MINUTE);
    await step('on-site', it1.headers);
    const wrong = await step('resolve', it1.headers, {
      resolution: 'Swapped',
      deviceSwap: { faulty: 'V-0001', replacement: 'V-0002' },
    });
    expect(wrong.json()).toMatchObject({ code: 'INCIDENT_SWAP_INVALID' });
    h.set(OPENING + 9 * MINUTE);
    const resolved = await step('resolve', it1.headers, {
      resolution: 'Replaced the voting device with the zone spare',
      deviceSwap: { faulty: 'V-0001', replacement: 'S-0001' },
    });
    expect(resolved.json<IncidentBody>()).toMatchObject({
      state: 'resolved',
      deviceSwap: { faulty: 'V-0001', replacement: 'S-0001' },
    });
    const [entry] = await h.audit(1);
    expect(entry).toMatchObject({ action: 'incidents.incident.resolved' });
    expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({
      deviceSwap: { faulty: 'V-0001', replacement: 'S-0001' },
    });
    h.set(OPENING + 10 * MINUTE);
    const confirmed = await step('confirm', chair.headers, { works: true });
    const body = confirmed.json<IncidentBody>();
    expect(body.state).toBe('confirmed');
    expect(body.timeline?.map((e) => e.step)).toEqual([
      'reported',
      'acknowledge',
      'assign',
      'arrive',
      'resolve',
      'confirm',
    ]);
    expect(
      (await sweepIncidents({ store: ctx.store, audit: auditOf(ctx.store) }, OPENING + 60 * MINUTE))
        .escalated,
    ).toBe(0);
  });

  it('lets the branch reopen a resolution that did not hold', async () => {
    const { h, chair, it1 } = await setUp();
    const incident = await report(h, chair.headers, { kind: 'network', severity: 'degraded' });
    const step = (path: string, headers: Record<string, string>, body: unknown = {}) =>
      post(h, `/branches/b-0001/incidents/${incident.id}/${path}`, headers, body);
    expect((await step('confirm', chair.headers, { works: true })).json()).toMatchObject({
      code: 'INCIDENT_TRANSITION',
    });
    await step('acknowledge', it1.headers);
    await step('resolve', it1.headers, { resolution: 'Router restarted remotely' });
    const reopened = await step('confirm', chair.headers, { works: false, note: 'Still offline' });
    expect(reopened.json<IncidentBody>().state).toBe('assigned');
  });

  it('takes a report from a device by its signed message, once per message', async () => {
    const { h } = await setUp();
    const message = signedBy({
      election: hash,
      device: 'V-0001',
      branch: 'b-0001',
      kind: 'incidents.deviceReport',
      body: { kind: 'printer-paper', severity: 'cannot-vote', description: 'Printer out of paper' },
    });
    const first = await post(h, '/incidents/device', {}, message);
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(h, '/incidents/device', {}, message);
    expect(again.statusCode).toBe(200);
    expect(again.json<IncidentBody>().id).toBe(first.json<IncidentBody>().id);
    const forged = signedBy({
      election: hash,
      device: 'V-0001',
      branch: 'b-0001',
      kind: 'incidents.deviceReport',
      body: { kind: 'power', severity: 'minor', description: 'x' },
      signingDevice: 'V-0002',
    });
    expect((await post(h, '/incidents/device', {}, forged)).statusCode).toBe(401);
    expect(await listIncidents(ctx.store.db, definition.election.id)).toHaveLength(1);
  });

  it('answers the zone figures: open, medians and 95th percentiles, branches unable to vote', async () => {
    const { h, chair, it1, county } = await setUp();
    const a = await report(h, chair.headers);
    const b = await report(h, chair.headers, { severity: 'degraded' });
    h.set(OPENING + MINUTE);
    await post(h, `/branches/b-0001/incidents/${a.id}/acknowledge`, it1.headers);
    h.set(OPENING + 3 * MINUTE);
    await post(h, `/branches/b-0001/incidents/${b.id}/acknowledge`, it1.headers);
    h.set(OPENING + 5 * MINUTE);
    await post(h, `/branches/b-0001/incidents/${b.id}/resolve`, it1.headers, { resolution: 'ok' });
    h.set(OPENING + 10 * MINUTE);
    const res = await h.app.inject({
      url: '/api/v1/zone-hqs/zhq-1/incidents/figures',
      headers: county.headers,
    });
    expect(res.json()).toMatchObject({
      open: 1,
      acknowledgeSeconds: { median: 120, p95: 180 },
      resolveSeconds: { median: 300, p95: 300 },
      unableToVote: [
        { branchId: 'b-0001', since: new Date(OPENING).toISOString(), forSeconds: 600 },
      ],
    });
    const feed = await h.app.inject({
      url: `/api/v1/zone-hqs/zhq-1/incidents/feed?since=${new Date(OPENING + 2 * MINUTE).toISOString()}`,
      headers: county.headers,
    });
    expect(feed.json<{ events: { step: string }[] }>().events.map((e) => e.step)).toEqual([
      'acknowledge',
      'resolve',
    ]);
  });

  it('refuses bad input with a catalogued problem and writes nothing', async () => {
    const { h, chair, county } = await setUp();
    for (const body of [
      {},
      { kind: 'ballot-stuffing', severity: 'minor', description: 'x' },
      { kind: 'power', severity: 'minor', description: '' },
      { kind: 'power', severity: 'minor', description: 'x', extra: 1 },
    ]) {
      const res = await post(h, '/branches/b-0001/incidents', chair.headers, body);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ code: string }>().code).toMatch(/^INPUT_/);
    }
    expect(
      (await post(h, '/branches/b-0001/incidents/not-a-uuid/acknowledge', county.headers))
        .statusCode,
    ).toBe(400);
    expect(await listIncidents(ctx.store.db, definition.election.id)).toEqual([]);
  });

  it('runs the escalation sweep on its own timer', async () => {
    const { h, chair } = await setUp(20);
    const incident = await report(h, chair.headers);
    h.set(OPENING + 30 * MINUTE);
    const deadline = Date.now() + 5_000;
    let escalated: string | null = null;
    while (escalated === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      const row = (await listIncidents(ctx.store.db, definition.election.id)).find(
        (i) => i.id === incident.id,
      );
      escalated = row?.resolve_escalated_at ?? null;
    }
    expect(escalated).toBe(new Date(OPENING + 30 * MINUTE).toISOString());
  });
});

/** The HQ's audit writer over the test store, as the sweep inside the server uses it. */
function auditOf(store: Store) {
  return openHqAudit(store, 'sqlite::memory:', { checkpointIntervalMs: 0 });
}
