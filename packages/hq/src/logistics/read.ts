import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  allocate,
  branchReadiness,
  branchReturns,
  dateOfSupplyDay,
  pickListHtml,
  problem,
  readinessByZone,
  returnsByBranch,
  SUPPLY_CATALOGUE,
  supplyDay,
  VOTERS_PER_PAPER_ROLL,
  VOTES_PER_SEALED_BOX,
  SEALS_PER_BOX,
  DISTRIBUTION_DAY,
} from '@sandogh/core';
import {
  currentElection,
  getShipment,
  shipmentFacts,
  shipmentsForDay,
  supplyBranches,
  type ElectionSummary,
} from '@sandogh/store';
import type { HqContext } from '../context.js';
import { sendProblems } from '../plugins/problems.js';
import { electionTimeZone } from '../staffing/itineraries.js';
import { shipmentView } from './view.js';

const tags = ['logistics'];
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const atQuery = z.strictObject({ at: z.iso.datetime({ offset: false, precision: 3 }).optional() });

/**
 * Reading supplies (issue 8): the catalogue and allocation rules, one branch's shipments and
 * readiness, every zone HQ's readiness and outstanding returns at any instant (`at`, default
 * now), and the Persian pick list a zone HQ packs from.
 */
export function logisticsReadRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  return (app) => {
    const clock = () => app.accessControl.settings.clock();

    async function election(reply: FastifyReply): Promise<ElectionSummary | undefined> {
      const found = await currentElection(ctx.store);
      if (found === undefined) await sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
      return found;
    }

    app.get(
      '/supplies/catalogue',
      {
        config: { action: 'logistics.read' },
        schema: {
          tags,
          summary: 'The supply catalogue, the allocation rules and the day each item goes out',
        },
      },
      () => ({
        catalogue: SUPPLY_CATALOGUE,
        distributionDay: DISTRIBUTION_DAY,
        rules: {
          votersPerPaperRoll: VOTERS_PER_PAPER_ROLL,
          votesPerSealedBox: VOTES_PER_SEALED_BOX,
          sealsPerBox: SEALS_PER_BOX,
        },
      }),
    );

    app.get(
      '/branches/:branchId/supplies',
      {
        config: { action: 'logistics.read', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary: "A branch's allocation, shipments, readiness and outstanding returns",
          params: z.strictObject({ branchId: id }),
          querystring: atQuery,
        },
      },
      async (request, reply) => {
        const e = await election(reply);
        if (e === undefined) return reply;
        const branch = (await supplyBranches(ctx.store.db, e.id)).find(
          (b) => b.id === request.params.branchId,
        );
        if (branch === undefined)
          return sendProblems(reply, [
            problem('BRANCH_NOT_FOUND', { branch: request.params.branchId }),
          ]);
        const at = request.query.at === undefined ? clock() : Date.parse(request.query.at);
        const facts = await shipmentFacts(ctx.store.db, e.id, { branchId: branch.id });
        const records = await Promise.all(facts.map((f) => getShipment(ctx.store.db, e.id, f.id)));
        return {
          branchId: branch.id,
          at: new Date(at).toISOString(),
          allocation: allocate(branch),
          readiness: branchReadiness(branch, facts, at),
          returns: branchReturns(branch, facts, at),
          shipments: records.flatMap((r) => (r === undefined ? [] : [shipmentView(r)])),
        };
      },
    );

    app.get(
      '/zone-hqs/:zoneHqId/supplies/readiness',
      {
        config: { action: 'logistics.read', object: { zoneHq: 'params.zoneHqId' } },
        schema: {
          tags,
          summary:
            "A zone HQ's readiness at an instant: branches not fully supplied, and returns still out",
          params: z.strictObject({ zoneHqId: id }),
          querystring: atQuery,
        },
      },
      async (request, reply) => {
        const e = await election(reply);
        if (e === undefined) return reply;
        const at = request.query.at === undefined ? clock() : Date.parse(request.query.at);
        const branches = await supplyBranches(ctx.store.db, e.id, request.params.zoneHqId);
        const facts = await shipmentFacts(ctx.store.db, e.id, {
          zoneHqId: request.params.zoneHqId,
        });
        const [zone] = readinessByZone(branches, facts, at);
        return {
          zoneHqId: request.params.zoneHqId,
          at: new Date(at).toISOString(),
          branches: zone?.branches ?? 0,
          ready: zone?.ready ?? 0,
          notReady: zone?.notReady ?? [],
          returnsOutstanding: returnsByBranch(branches, facts, at).filter((r) => !r.complete),
        };
      },
    );

    app.get(
      '/supplies/readiness',
      {
        config: { action: 'logistics.read' },
        schema: {
          tags,
          summary: 'Every zone HQ: branches supplied and not, and returns still out, at an instant',
          querystring: atQuery,
        },
      },
      async (request, reply) => {
        const e = await election(reply);
        if (e === undefined) return reply;
        const at = request.query.at === undefined ? clock() : Date.parse(request.query.at);
        const branches = await supplyBranches(ctx.store.db, e.id);
        const facts = await shipmentFacts(ctx.store.db, e.id);
        const returns = returnsByBranch(branches, facts, at);
        return {
          at: new Date(at).toISOString(),
          zones: readinessByZone(branches, facts, at).map((z) => ({
            zoneHqId: z.zoneHqId,
            branches: z.branches,
            ready: z.ready,
            notReady: z.notReady.map((b) => b.branchId),
            returnsOutstanding: returns
              .filter((r) => r.zoneHqId === z.zoneHqId && !r.complete)
              .map((r) => r.branchId),
          })),
        };
      },
    );

    app.get(
      '/zone-hqs/:zoneHqId/supplies/picklist',
      {
        config: { action: 'logistics.read', object: { zoneHq: 'params.zoneHqId' } },
        schema: {
          tags,
          summary: "A zone HQ's pick list for one day, in Persian, ready to print (HTML)",
          params: z.strictObject({ zoneHqId: id }),
          querystring: z.strictObject({ day: supplyDay }),
        },
      },
      async (request, reply) => {
        const e = await election(reply);
        if (e === undefined) return reply;
        const html = await pickListFor(ctx, e, request.params.zoneHqId, request.query.day, clock());
        if (html === undefined)
          return sendProblems(reply, [
            problem('DEFINITION_UNKNOWN_REFERENCE', {
              kind: 'zone HQ',
              id: request.params.zoneHqId,
            }),
          ]);
        return reply.type('text/html; charset=utf-8').send(html);
      },
    );
    return Promise.resolve();
  };
}

/** The pick list of a zone HQ and day; undefined when there is no such zone HQ. */
export async function pickListFor(
  ctx: Pick<HqContext, 'store'>,
  e: ElectionSummary,
  zoneHqId: string,
  day: z.infer<typeof supplyDay>,
  now: number,
): Promise<string | undefined> {
  const zone = await ctx.store.db
    .selectFrom('zone_hqs')
    .select(['name_fa'])
    .where('election_id', '=', e.id)
    .where('id', '=', zoneHqId)
    .executeTakeFirst();
  if (zone === undefined) return undefined;
  const records = await shipmentsForDay(ctx.store.db, e.id, zoneHqId, day);
  const names = new Map(
    (
      await ctx.store.db
        .selectFrom('branches')
        .select(['id', 'name_fa', 'address'])
        .where('election_id', '=', e.id)
        .where('zone_hq_id', '=', zoneHqId)
        .execute()
    ).map((b) => [b.id, b]),
  );
  return pickListHtml({
    zoneHqName: zone.name_fa,
    day,
    date: dateOfSupplyDay(e.votingDay, day),
    branches: records.map((r) => ({
      branchId: r.shipment.branch_id,
      branchName: names.get(r.shipment.branch_id)?.name_fa ?? '',
      address: names.get(r.shipment.branch_id)?.address ?? '',
      lines: r.lines.map((l) => ({ item: l.item, quantity: l.quantity })),
    })),
    generatedAt: new Date(now),
    timeZone: await electionTimeZone(ctx.store, e),
  });
}
