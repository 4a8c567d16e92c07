import { sql } from 'kysely';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterEach, expect, it } from 'vitest';
import { AuditEntryError, type Problem } from '@sandogh/core';
import { ephemeralHqKey, listCheckpoints, verifyAuditLog, type Store } from '@sandogh/store';
import { describeEachEngine } from '@sandogh/store/testing';
import type { HqContext } from '../context.js';
import { problems, zodValidatorCompiler } from '../plugins/problems.js';
import { setAuditActor } from './actor.js';
import { openHqAudit, type HqAuditOptions } from './recorder.js';
import { auditRoutes } from './routes.js';

interface Entry {
  sequence: number;
  action: string;
  actorKind: string;
  actorId: string | null;
  outcome: string;
  sourceAddress: string | null;
  details: string | null;
}

/**
 * The audit plugin alone, as the HQ registers it, with one probe route that records through
 * `ctx.audit.record`. Who may call the routes is the access layer's to test.
 */
async function auditApp(store: Store, options: HqAuditOptions = {}) {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(problems);
  const audit = openHqAudit(store, 'sqlite::memory:', { checkpointIntervalMs: 0, ...options });
  const ctx = { store, draining: () => false, audit } as HqContext;
  app.post('/probe/:who', async (request) => {
    const { who } = request.params as { who: string };
    if (who !== 'nobody')
      setAuditActor(request, { kind: 'staff', id: who, role: 'hq-staff', scope: 'constituency' });
    await ctx.audit.record(
      {
        action: 'access.refused',
        outcome: 'refused',
        reason: 'INPUT_INVALID',
        details: { route: 'probe' },
      },
      request,
    );
    return { ok: true };
  });
  await app.register(auditRoutes(ctx), { prefix: '/api/v1/audit' });
  await app.ready();
  return { app, ctx };
}

async function entries(
  app: FastifyInstance,
  query = '',
): Promise<{ entries: Entry[]; next: number | null }> {
  const res = await app.inject(`/api/v1/audit/entries${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describeEachEngine('the audit routes and the HQ’s checkpoints', (ctx) => {
  let open: FastifyInstance | undefined;
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });

  it('records the start with a signed checkpoint, and serves entries and checkpoints', async () => {
    const key = ephemeralHqKey();
    const { app } = await auditApp(ctx.store, { key });
    open = app;
    const page = await entries(app);
    expect(page.entries.map((e) => e.action)).toEqual([
      'system.server.started',
      'audit.checkpoint.signed',
    ]);
    const cps = (await app.inject('/api/v1/audit/checkpoints')).json<{
      hqKey: { keyId: string };
      checkpoints: { sequence: number; reason: string }[];
    }>();
    expect(cps.hqKey.keyId).toBe(key.keyId);
    expect(cps.checkpoints).toMatchObject([{ sequence: 2, reason: 'startup' }]);
  });

  it('fills actor, address and request id from the request', async () => {
    const { app } = await auditApp(ctx.store);
    open = app;
    await app.inject({ method: 'POST', url: '/probe/nobody' });
    await app.inject({ method: 'POST', url: '/probe/hq-1', remoteAddress: '2001:db8::9' });
    const refused = (await entries(app, '?action=access')).entries;
    expect(refused.map((e) => [e.actorKind, e.actorId, e.sourceAddress])).toEqual([
      ['anonymous', null, '127.0.0.1'],
      ['staff', 'hq-1', '2001:db8::9'],
    ]);
    expect(JSON.parse(refused[0]?.details ?? '{}')).toMatchObject({
      route: 'probe',
      requestId: expect.any(String),
    });
  });

  it('writes concurrent records as one linear chain (group commit)', async () => {
    const { app, ctx: hq } = await auditApp(ctx.store);
    open = app;
    // A malformed entry fails its own caller, never the batch beside it.
    await expect(
      hq.audit.record({ action: 'access.refused', outcome: 'succeeded' }),
    ).rejects.toBeInstanceOf(AuditEntryError);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        app.inject({ method: 'POST', url: `/probe/staff-${i}` }),
      ),
    );
    const all = (await entries(app, '?limit=1000')).entries;
    expect(all).toHaveLength(42);
    expect(all.map((e) => e.sequence)).toEqual(all.map((_, i) => i + 1));
    expect((await verifyAuditLog(ctx.store)).ok).toBe(true);
  });

  it('filters by action prefix, actor, outcome and time, and pages by sequence', async () => {
    const { app } = await auditApp(ctx.store);
    open = app;
    for (const who of ['a', 'b', 'a', 'nobody', 'a'])
      await app.inject({ method: 'POST', url: `/probe/${who}` });
    expect((await entries(app, '?action=system')).entries.map((e) => e.action)).toEqual([
      'system.server.started',
    ]);
    expect((await entries(app, '?action=access.refused&actorId=a')).entries).toHaveLength(3);
    expect((await entries(app, '?actorKind=anonymous')).entries).toHaveLength(1);
    expect((await entries(app, '?outcome=refused')).entries).toHaveLength(5);
    expect((await entries(app, '?action=acc')).entries).toHaveLength(0);
    expect((await entries(app, '?to=2000-01-01T00:00:00.000Z')).entries).toHaveLength(0);
    const first = await entries(app, '?limit=3');
    expect(first.entries.map((e) => e.sequence)).toEqual([1, 2, 3]);
    const second = await entries(app, `?limit=3&after=${first.next ?? 0}`);
    expect(second.entries.map((e) => e.sequence)).toEqual([4, 5, 6]);
    const newest = await entries(app, '?limit=2&before=99');
    expect(newest.entries.map((e) => e.sequence)).toEqual([7, 6]);
    for (const bad of [
      '?action=ACCESS',
      '?after=1&before=9',
      '?limit=0',
      '?from=yesterday',
      '?colour=red',
    ]) {
      const res = await app.inject(`/api/v1/audit/entries${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json<Problem>().code).toMatch(/^INPUT_/);
    }
  });

  it('verifies the log, and names the first bad entry once it is tampered with', async () => {
    const { app } = await auditApp(ctx.store);
    open = app;
    await app.inject({ method: 'POST', url: '/probe/a' });
    expect((await app.inject('/api/v1/audit/verify')).json()).toMatchObject({
      ok: true,
      entries: 3,
      keysPinned: true,
    });
    await sql`update audit_log set actor_id = 'b' where sequence = 3`.execute(ctx.store.db);
    const report = (await app.inject('/api/v1/audit/verify')).json<{
      ok: boolean;
      firstBad: { sequence: number; problem: Problem };
    }>();
    expect(report).toMatchObject({
      ok: false,
      firstBad: { sequence: 3, kind: 'edited', problem: { code: 'AUDIT_ENTRY_EDITED' } },
    });
    expect(
      (await entries(app, '?action=audit.log')).entries.map((e) => [e.action, e.outcome]),
    ).toEqual([
      ['audit.log.verified', 'succeeded'],
      ['audit.log.breach-found', 'failed'],
    ]);
  });

  it('exports NIST SP 1500-101 JSON and its event documentation, and records the export', async () => {
    const key = ephemeralHqKey();
    const { app } = await auditApp(ctx.store, { key });
    open = app;
    const res = await app.inject('/api/v1/audit/export?format=nist-1500-101');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const log = res.json<{ '@type': string; Device: { Id: string; Event: { Id: string }[] }[] }>();
    expect(log['@type']).toBe('EventLogging.ElectionEventLog');
    expect(log.Device[0]?.Id).toBe(`sandogh-hq:${key.keyId}`);
    expect(log.Device[0]?.Event.map((e) => e.Id)).toEqual(['SDG-0401', 'SDG-0301', 'SDG-0305']);
    const doc = (await app.inject('/api/v1/audit/export?format=nist-1500-101-documentation')).json<{
      EventIdDescription: unknown[];
    }>();
    expect(doc.EventIdDescription.length).toBeGreaterThan(40);
    expect((await app.inject('/api/v1/audit/export?format=csv')).statusCode).toBe(400);
  });

  it('signs a checkpoint on request, on the timer only when the head moved, and at shutdown', async () => {
    const { app } = await auditApp(ctx.store, { checkpointIntervalMs: 40 });
    const manual = await app.inject({ method: 'POST', url: '/api/v1/audit/checkpoints' });
    expect(manual.statusCode).toBe(201);
    expect(manual.json()).toMatchObject({ checkpoint: { sequence: 3, reason: 'manual' } });
    const reasons = async () => (await listCheckpoints(ctx.store)).checkpoints.map((c) => c.reason);
    // Nothing new since the manual one: the timer signs nothing, however often it ticks.
    await new Promise((r) => setTimeout(r, 150));
    expect(await reasons()).toEqual(['startup', 'manual']);
    await app.inject({ method: 'POST', url: '/probe/a' });
    for (let waited = 0; !(await reasons()).includes('periodic') && waited < 5_000; waited += 20)
      await new Promise((r) => setTimeout(r, 20));
    await app.close();
    expect((await verifyAuditLog(ctx.store)).ok).toBe(true);
    expect(await reasons()).toEqual(['startup', 'manual', 'periodic', 'shutdown']);
  });
});
