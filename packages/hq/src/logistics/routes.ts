import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  discrepancyKind,
  nextShipmentState,
  problem,
  ProblemError,
  SUPPLY_CATALOGUE,
  supplyItem,
  type DiscrepancyKind,
  type ShipmentState,
  type SupplyItem,
} from '@sandogh/core';
import {
  addDiscrepancies,
  createSupplyPlan,
  getShipment,
  insertShipments,
  moveShipment,
  recordReturnedCounts,
  supplyBranches,
  type ShipmentRecord,
} from '@sandogh/store';
import type { HqContext } from '../context.js';
import { sendProblems } from '../plugins/problems.js';
import { logisticsEntry, shipmentView } from './view.js';
import { logisticsReadRoutes } from './read.js';
import { loadedElectionId } from '../plugins/loadedElection.js';

const tags = ['logistics'];
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const shipmentParams = z.strictObject({ branchId: id, shipmentId: z.uuid() });
const counts = z.partialRecord(supplyItem, z.int().min(0).max(100_000));

function actorName(request: FastifyRequest): string {
  return request.access?.who?.account.username ?? 'unknown';
}

/**
 * Supplies (issue 8, docs/OPERATIONS.md §8.2): the three-day plan, each shipment's way from
 * planned to confirmed by the branch (or, for the D+1 collection, to returned and counted),
 * discrepancies, top-ups on the day; the readiness view and the pick lists are in read.ts.
 * Every change commits with its audit entry (law 6); time is the access layer's clock.
 */
export function logisticsRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  return async (app) => {
    const now = () => new Date(app.accessControl.settings.clock()).toISOString();
    await app.register(logisticsReadRoutes(ctx));

    const electionId = (reply: FastifyReply) => loadedElectionId(ctx, reply);

    /** The shipment the path names, of the branch the path names, or a problem sent. */
    async function shipmentOf(
      reply: FastifyReply,
      election: string,
      params: z.infer<typeof shipmentParams>,
    ): Promise<ShipmentRecord | undefined> {
      const found = await getShipment(ctx.store.db, election, params.shipmentId);
      if (found !== undefined && found.shipment.branch_id === params.branchId) return found;
      await sendProblems(reply, [
        problem('SUPPLY_SHIPMENT_NOT_FOUND', {
          shipment: params.shipmentId,
          branch: params.branchId,
        }),
      ]);
      return undefined;
    }

    /** Moves the shipment and records what the caller adds, all in one transaction. */
    async function move(
      election: string,
      record: ShipmentRecord,
      to: ShipmentState,
      also: (trx: Parameters<Parameters<typeof ctx.store.transaction>[0]>[0]) => Promise<void>,
    ) {
      const s = record.shipment;
      const next = nextShipmentState(s.phase, s.state, to);
      if (!next.ok) throw new ProblemError(problem('SUPPLY_TRANSITION', { from: s.state, to }));
      await ctx.store.transaction(async (trx) => {
        if (!(await moveShipment(trx, election, s.id, s.state, to, now())))
          throw new ProblemError(problem('SUPPLY_TRANSITION', { from: s.state, to }));
        await also(trx);
      });
      const fresh = await getShipment(ctx.store.db, election, s.id);
      if (fresh === undefined) throw new Error('shipment vanished');
      return shipmentView(fresh);
    }

    app.post(
      '/supplies/plan',
      {
        config: { action: 'logistics.plan' },
        schema: {
          tags,
          summary:
            'Create the three-day supply plan: distribution D-3..D-1 and collection on D+1 for every branch',
        },
      },
      async (request, reply) => {
        const election = await electionId(reply);
        if (election === undefined) return reply;
        const made = await createSupplyPlan(ctx.store, election, now(), (trx, shipments) =>
          ctx.audit.recordIn(
            trx,
            {
              action: 'logistics.plan.created',
              outcome: 'succeeded',
              electionId: election,
              details: { shipments },
            },
            request,
          ),
        );
        if (!made.ok) return sendProblems(reply, [made.error]);
        return reply.code(201).send(made.value);
      },
    );

    app.post(
      '/branches/:branchId/shipments/:shipmentId/state',
      {
        config: { action: 'logistics.dispatch', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary: 'Move a shipment on: packed, dispatched, delivered',
          params: shipmentParams,
          body: z.strictObject({ to: z.enum(['packed', 'dispatched', 'delivered']) }),
        },
      },
      async (request, reply) => {
        const election = await electionId(reply);
        if (election === undefined) return reply;
        const record = await shipmentOf(reply, election, request.params);
        if (record === undefined) return reply;
        const { to } = request.body;
        return move(election, record, to, async (trx) => {
          await ctx.audit.recordIn(
            trx,
            logisticsEntry(
              to === 'dispatched' ? 'logistics.supplies.dispatched' : 'logistics.shipment.moved',
              election,
              record.shipment,
              { state: to },
            ),
            request,
          );
        });
      },
    );

    app.post(
      '/branches/:branchId/shipments/:shipmentId/confirm',
      {
        config: { action: 'logistics.receive', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary:
            'The branch confirms a delivery with its counts; what is short or damaged becomes a discrepancy',
          params: shipmentParams,
          body: z.strictObject({ received: counts, damaged: counts.optional() }),
        },
      },
      async (request, reply) => {
        const election = await electionId(reply);
        if (election === undefined) return reply;
        const record = await shipmentOf(reply, election, request.params);
        if (record === undefined) return reply;
        const found: { kind: DiscrepancyKind; item: SupplyItem; quantity: number }[] = [];
        const { received, damaged = {} } = request.body;
        for (const item of Object.keys({ ...received, ...damaged }) as SupplyItem[]) {
          const line = record.lines.find((l) => l.item === item);
          if (line === undefined || (received[item] ?? 0) > line.quantity)
            return sendProblems(reply, [
              problem('SUPPLY_COUNT_INVALID', {
                reason: `more "${item}" counted than the shipment holds (${line?.quantity ?? 0}); report a parcel for another branch as wrong-branch there`,
              }),
            ]);
          if ((damaged[item] ?? 0) > (received[item] ?? 0))
            return sendProblems(reply, [
              problem('SUPPLY_COUNT_INVALID', { reason: `more "${item}" damaged than received` }),
            ]);
        }
        for (const line of record.lines) {
          const got = received[line.item] ?? 0;
          if (got < line.quantity)
            found.push({ kind: 'short', item: line.item, quantity: line.quantity - got });
          const broken = damaged[line.item] ?? 0;
          if (broken > 0) found.push({ kind: 'damaged', item: line.item, quantity: broken });
        }
        return move(election, record, 'confirmed', async (trx) => {
          const at = now();
          await addDiscrepancies(trx, election, record.shipment.id, found, at, actorName(request));
          await ctx.audit.recordIn(
            trx,
            logisticsEntry('logistics.supplies.received', election, record.shipment, {
              short: found.filter((f) => f.kind === 'short').map((f) => f.item),
              damaged: found.filter((f) => f.kind === 'damaged').map((f) => f.item),
            }),
            request,
          );
        });
      },
    );

    app.post(
      '/branches/:branchId/shipments/:shipmentId/discrepancies',
      {
        config: { action: 'logistics.receive', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary:
            'Report a discrepancy: short, damaged, or delivered to the wrong branch (without an item: the whole shipment)',
          params: shipmentParams,
          body: z.strictObject({
            kind: discrepancyKind,
            item: supplyItem.optional(),
            quantity: z.int().min(1).max(100_000).optional(),
          }),
        },
      },
      async (request, reply) => {
        const election = await electionId(reply);
        if (election === undefined) return reply;
        const record = await shipmentOf(reply, election, request.params);
        if (record === undefined) return reply;
        const s = record.shipment;
        if (s.phase === 'collection' || !['dispatched', 'delivered', 'confirmed'].includes(s.state))
          return sendProblems(reply, [
            problem('SUPPLY_TRANSITION', { from: s.state, to: `${request.body.kind} report` }),
          ]);
        const { kind, item, quantity } = request.body;
        const lines = record.lines.filter((l) => item === undefined || l.item === item);
        if (lines.length === 0 || (item === undefined && kind !== 'wrong-branch'))
          return sendProblems(reply, [
            problem('SUPPLY_COUNT_INVALID', {
              reason: item === undefined ? 'name the item' : `the shipment holds no "${item}"`,
            }),
          ]);
        const found = lines.map((l) => ({
          kind,
          item: l.item,
          quantity: Math.min(quantity ?? l.quantity, l.quantity),
        }));
        await ctx.store.transaction(async (trx) => {
          await addDiscrepancies(trx, election, s.id, found, now(), actorName(request));
          await ctx.audit.recordIn(
            trx,
            logisticsEntry('logistics.shortage.reported', election, s, {
              kind,
              items: found.map((f) => f.item),
            }),
            request,
          );
        });
        const fresh = await getShipment(ctx.store.db, election, s.id);
        return reply.code(201).send(fresh === undefined ? {} : shipmentView(fresh));
      },
    );

    app.post(
      '/branches/:branchId/shipments/:shipmentId/return',
      {
        config: { action: 'logistics.dispatch', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary:
            'D+1: a collection is counted back in at the zone HQ; every device and sealed box must be accounted for',
          params: shipmentParams,
          body: z.strictObject({ returned: counts }),
        },
      },
      async (request, reply) => {
        const election = await electionId(reply);
        if (election === undefined) return reply;
        const record = await shipmentOf(reply, election, request.params);
        if (record === undefined) return reply;
        const returned = request.body.returned;
        for (const item of Object.keys(returned) as SupplyItem[])
          if (!SUPPLY_CATALOGUE[item].returnable)
            return sendProblems(reply, [
              problem('SUPPLY_COUNT_INVALID', { reason: `"${item}" is not taken back` }),
            ]);
        return move(election, record, 'returned', async (trx) => {
          await recordReturnedCounts(trx, election, record.shipment.id, returned);
          await ctx.audit.recordIn(
            trx,
            logisticsEntry('logistics.supplies.returned', election, record.shipment, {
              returned: Object.values(returned).reduce((a, n) => a + n, 0),
            }),
            request,
          );
        });
      },
    );

    app.post(
      '/branches/:branchId/top-ups',
      {
        config: { action: 'logistics.dispatch', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary: 'Plan a top-up on the day (paper, a power bank, a spare device …)',
          params: z.strictObject({ branchId: id }),
          body: z.strictObject({
            lines: z
              .array(z.strictObject({ item: supplyItem, quantity: z.int().min(1).max(1_000) }))
              .min(1)
              .max(supplyItem.options.length),
          }),
        },
      },
      async (request, reply) => {
        const election = await electionId(reply);
        if (election === undefined) return reply;
        const branch = (await supplyBranches(ctx.store.db, election)).find(
          (b) => b.id === request.params.branchId,
        );
        if (branch === undefined)
          return sendProblems(reply, [
            problem('BRANCH_NOT_FOUND', { branch: request.params.branchId }),
          ]);
        const items = request.body.lines.map((l) => l.item);
        if (new Set(items).size !== items.length)
          return sendProblems(reply, [
            problem('SUPPLY_COUNT_INVALID', { reason: 'an item is listed twice' }),
          ]);
        const [shipmentId] = await ctx.store.transaction(async (trx) => {
          const ids = await insertShipments(
            ctx.store,
            trx,
            election,
            [
              {
                branchId: branch.id,
                zoneHqId: branch.zoneHqId,
                phase: 'top-up',
                day: 'D',
                lines: request.body.lines,
              },
            ],
            now(),
          );
          await ctx.audit.recordIn(
            trx,
            {
              action: 'logistics.shipment.moved',
              outcome: 'succeeded',
              electionId: election,
              object: { type: 'shipment', id: ids[0] ?? '' },
              details: { branch: branch.id, phase: 'top-up', state: 'planned', items },
            },
            request,
          );
          return ids;
        });
        const fresh = await getShipment(ctx.store.db, election, shipmentId ?? '');
        return reply.code(201).send(fresh === undefined ? {} : shipmentView(fresh));
      },
    );
  };
}
