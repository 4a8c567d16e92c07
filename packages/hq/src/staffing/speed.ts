import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DEFAULT_TARGET_SECONDS,
  problem,
  signedDeviceMessageOf,
  stationStepEvent,
  visitTimings,
  type VisitTiming,
} from '@sandogh/core';
import { currentElection, recordQueue, recordVisits } from '@sandogh/store';
import type { HqContext } from '../context.js';
import { deviceOf } from '../devices/authenticate.js';
import { sendProblems } from '../plugins/problems.js';
import { speedView, zoneSpeedView } from './views.js';

const tags = ['speed of voting'];
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const target = z.strictObject({
  targetSeconds: z.coerce.number().int().min(5).max(3_600).optional(),
});

/** A batch of a station's step events; at most a few hours of one busy branch. */
export const voterTimeBatch = z.strictObject({
  events: z.array(stationStepEvent).min(1).max(20_000),
});

/** Fisher–Yates with a CSPRNG: the stored order says nothing about the order of voters (law 2). */
function shuffled(visits: readonly VisitTiming[]): VisitTiming[] {
  const out = [...visits];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    const a = out[i];
    const b = out[j];
    if (a === undefined || b === undefined) continue;
    out[i] = b;
    out[j] = a;
  }
  return out;
}

/**
 * The speed of voting (issue 8, docs/OPERATIONS.md §8.5): stations send their step events,
 * signed (law 4); HQ pairs them into per-step durations and keeps those alone — no visit key,
 * shuffled, the hour the batch came in (law 2) — and answers per branch and zone, slowest
 * first, with the latest queue each branch reported and an alert where a branch's median is
 * over its target.
 */
export function speedRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  return (app) => {
    const clock = () => app.accessControl.settings.clock();

    app.post(
      '/voter-times',
      {
        bodyLimit: 4 * 1024 * 1024,
        config: { action: 'branches.voterTimes' },
        schema: {
          tags,
          summary:
            "A station's voter-time events (signed); stored as per-step durations only, once per message",
          body: signedDeviceMessageOf(voterTimeBatch),
        },
      },
      async (request, reply) => {
        const device = deviceOf(request);
        const { visits, dropped } = visitTimings(request.body.message.body.events);
        const at = new Date(clock()).toISOString();
        const stored = await ctx.store.transaction(async (trx) => {
          const fresh = await recordVisits(
            trx,
            device.electionId,
            device.branchId,
            request.body.message.id,
            shuffled(visits),
            at,
          );
          if (fresh)
            await ctx.audit.recordIn(
              trx,
              {
                action: 'branches.voter-times.received',
                outcome: 'succeeded',
                electionId: device.electionId,
                object: { type: 'branch', id: device.branchId },
                details: { visits: visits.length, dropped },
              },
              request,
            );
          return fresh;
        });
        return reply
          .code(stored ? 201 : 200)
          .send({ status: stored ? 'stored' : 'duplicate', visits: visits.length, dropped });
      },
    );

    app.post(
      '/branches/:branchId/queue',
      {
        config: { action: 'branches.reportQueue', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary: 'Report how many voters are waiting in the queue now',
          params: z.strictObject({ branchId: id }),
          body: z.strictObject({ length: z.int().min(0).max(10_000) }),
        },
      },
      async (request, reply) => {
        const election = await currentElection(ctx.store);
        if (election === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        const branch = await ctx.store.db
          .selectFrom('branches')
          .select('id')
          .where('election_id', '=', election.id)
          .where('id', '=', request.params.branchId)
          .executeTakeFirst();
        if (branch === undefined)
          return sendProblems(reply, [
            problem('BRANCH_NOT_FOUND', { branch: request.params.branchId }),
          ]);
        const at = new Date(clock()).toISOString();
        await ctx.store.transaction(async (trx) => {
          await recordQueue(trx, election.id, branch.id, request.body.length, at);
          await ctx.audit.recordIn(
            trx,
            {
              action: 'branches.queue.reported',
              outcome: 'succeeded',
              electionId: election.id,
              object: { type: 'branch', id: branch.id },
              details: { length: request.body.length },
            },
            request,
          );
        });
        return reply.code(201).send({ branchId: branch.id, length: request.body.length, at });
      },
    );

    app.get(
      '/zone-hqs/:zoneHqId/speed',
      {
        config: { action: 'branches.readLive', object: { zoneHq: 'params.zoneHqId' } },
        schema: {
          tags,
          summary:
            "Time per voter in a zone HQ's branches, slowest first, with queues and the branches over target",
          params: z.strictObject({ zoneHqId: id }),
          querystring: target,
        },
      },
      async (request, reply) => {
        const election = await currentElection(ctx.store);
        if (election === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        const targetSeconds = request.query.targetSeconds ?? DEFAULT_TARGET_SECONDS;
        return zoneSpeedView(ctx.store, election.id, request.params.zoneHqId, targetSeconds);
      },
    );

    app.get(
      '/speed',
      {
        config: { action: 'branches.readLive' },
        schema: {
          tags,
          summary: 'Time per voter in every zone HQ, with each zone’s slowest branches and alerts',
          querystring: target,
        },
      },
      async (request, reply) => {
        const election = await currentElection(ctx.store);
        if (election === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        const targetSeconds = request.query.targetSeconds ?? DEFAULT_TARGET_SECONDS;
        return speedView(ctx.store, election.id, targetSeconds);
      },
    );
    return Promise.resolve();
  };
}
