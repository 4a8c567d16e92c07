import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problem } from '@sandogh/core';
import { currentElection, recordStop, type ElectionSummary } from '@sandogh/store';
import type { HqContext } from '../context.js';
import { sendProblems } from '../plugins/problems.js';
import { branchWithStops, stopViews, type MobileBranch } from './itineraries.js';
import { itineraryView, zoneMobileView } from './views.js';

const tags = ['mobile branches'];
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

/**
 * Mobile branches (issue 8, docs/OPERATIONS.md §8.4): where each is, arrivals and departures
 * as they happen with each stop's voter count (given by the branch for now; the station will
 * send it), and the zone's view of every mobile branch with its late stops. A stop late
 * beyond its grace raises an incident by itself (the incident sweep, lateStops.ts).
 */
export function mobileRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  return (app) => {
    const clock = () => app.accessControl.settings.clock();

    async function mobile(
      reply: FastifyReply,
      branchId: string,
    ): Promise<{ election: ElectionSummary; branch: MobileBranch } | undefined> {
      const election = await currentElection(ctx.store);
      if (election === undefined) {
        await sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        return undefined;
      }
      const branch = await branchWithStops(ctx.store, election.id, branchId);
      if (branch === undefined) {
        await sendProblems(reply, [problem('BRANCH_NOT_FOUND', { branch: branchId })]);
        return undefined;
      }
      if (branch.kind !== 'mobile') {
        await sendProblems(reply, [problem('MOBILE_NOT_MOBILE', { branch: branchId })]);
        return undefined;
      }
      return { election, branch };
    }

    const itinerary = (election: ElectionSummary, branch: MobileBranch) =>
      itineraryView(ctx.store, election, branch, clock());

    app.get(
      '/branches/:branchId/itinerary',
      {
        config: { action: 'branches.read', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary:
            "A mobile branch's itinerary: current stop, arrivals, departures, late stops, voters",
          params: z.strictObject({ branchId: id }),
        },
      },
      async (request, reply) => {
        const found = await mobile(reply, request.params.branchId);
        if (found === undefined) return reply;
        return itinerary(found.election, found.branch);
      },
    );

    async function record(
      request: FastifyRequest,
      reply: FastifyReply,
      event: 'arrive' | 'depart',
      params: { branchId: string; stopId: string },
      voters: number | null,
    ) {
      const found = await mobile(reply, params.branchId);
      if (found === undefined) return reply;
      const { election, branch } = found;
      if (!branch.stops.some((s) => s.id === params.stopId))
        return sendProblems(reply, [
          problem('MOBILE_STOP_NOT_FOUND', { stop: params.stopId, branch: branch.id }),
        ]);
      const views = await stopViews(ctx.store, election, branch, clock());
      const refuse = (reason: string) =>
        sendProblems(reply, [problem('MOBILE_STOP_ORDER', { event, stop: params.stopId, reason })]);
      const here = views.find((v) => v.status === 'here');
      const target = views.find((v) => v.stopId === params.stopId);
      if (event === 'arrive' && here !== undefined)
        return refuse(`the branch is still at stop ${here.stopId}`);
      if (event === 'arrive' && target?.arrivedAt !== null)
        return refuse('the arrival is already recorded');
      if (event === 'depart' && target?.status !== 'here') return refuse('the branch is not there');
      const at = new Date(clock()).toISOString();
      const done = await ctx.store.transaction(async (trx) => {
        if (!(await recordStop(trx, election.id, branch.id, params.stopId, event, at, voters)))
          return false;
        await ctx.audit.recordIn(
          trx,
          {
            action: 'branches.stop.reached',
            outcome: 'succeeded',
            electionId: election.id,
            object: { type: 'branch', id: branch.id },
            details: {
              stop: params.stopId,
              event,
              ...(voters === null ? {} : { voters }),
            },
          },
          request,
        );
        return true;
      });
      if (!done) return refuse('it was just recorded');
      return itinerary(election, branch);
    }

    const stopParams = z.strictObject({ branchId: id, stopId: id });
    app.post(
      '/branches/:branchId/itinerary/:stopId/arrive',
      {
        config: { action: 'branches.itinerary', object: { branch: 'params.branchId' } },
        schema: { tags, summary: 'Record that a mobile branch reached a stop', params: stopParams },
      },
      (request, reply) => record(request, reply, 'arrive', request.params, null),
    );

    app.post(
      '/branches/:branchId/itinerary/:stopId/depart',
      {
        config: { action: 'branches.itinerary', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary: "Record that a mobile branch left a stop, with the stop's voter count",
          params: stopParams,
          body: z.strictObject({ voters: z.int().min(0).max(100_000) }),
        },
      },
      (request, reply) => record(request, reply, 'depart', request.params, request.body.voters),
    );

    app.get(
      '/zone-hqs/:zoneHqId/mobile',
      {
        config: { action: 'branches.read', object: { zoneHq: 'params.zoneHqId' } },
        schema: {
          tags,
          summary: "A zone HQ's mobile branches: where each is and which stops are late",
          params: z.strictObject({ zoneHqId: id }),
        },
      },
      async (request, reply) => {
        const election = await currentElection(ctx.store);
        if (election === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        return zoneMobileView(ctx.store, election, request.params.zoneHqId, clock());
      },
    );
    return Promise.resolve();
  };
}
