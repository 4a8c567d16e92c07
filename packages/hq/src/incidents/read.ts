import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problem, zoneIncidentFigures } from '@sandogh/core';
import {
  getIncident,
  incidentFacts,
  incidentTimeline,
  listIncidents,
  listZoneHqs,
  operationsDb,
} from '@sandogh/store';
import type { HqContext } from '../context.js';
import { sendProblems } from '../plugins/problems.js';
import { id } from './report.js';
import { incidentView } from './view.js';
import { loadedElectionId } from '../plugins/loadedElection.js';

const tags = ['incidents'];
const ALL = 100_000;
const listQuery = z.strictObject({
  open: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1_000).optional(),
});

/**
 * Reading incidents (issue 8): one with its timeline, a branch's or a zone HQ's list, the feed
 * of steps since an instant (the zone's live view polls it), the zone's figures and the county
 * HQ's board of every zone with what was escalated to it.
 */
export function incidentReadRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  return (app) => {
    const now = () => app.accessControl.settings.clock();

    const electionId = (reply: FastifyReply) => loadedElectionId(ctx, reply);

    app.get(
      '/branches/:branchId/incidents/:incidentId',
      {
        config: { action: 'incidents.read', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary: 'One incident with its timeline',
          params: z.strictObject({ branchId: id, incidentId: z.uuid() }),
        },
      },
      async (request, reply) => {
        const election = await electionId(reply);
        if (election === undefined) return reply;
        const { branchId, incidentId } = request.params;
        const row = await getIncident(ctx.store.db, election, incidentId);
        if (row === undefined || row.branch_id !== branchId)
          return sendProblems(reply, [
            problem('INCIDENT_NOT_FOUND', { incident: incidentId, branch: branchId }),
          ]);
        return incidentView(row, await incidentTimeline(ctx.store.db, election, incidentId));
      },
    );

    app.get(
      '/branches/:branchId/incidents',
      {
        config: { action: 'incidents.read', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary: "A branch's incidents, newest first",
          params: z.strictObject({ branchId: id }),
          querystring: listQuery,
        },
      },
      async (request, reply) => {
        const election = await electionId(reply);
        if (election === undefined) return reply;
        const rows = await listIncidents(ctx.store.db, election, {
          branchId: request.params.branchId,
          openOnly: request.query.open === 'true',
          limit: request.query.limit,
        });
        return { incidents: rows.map((r) => incidentView(r)) };
      },
    );

    app.get(
      '/zone-hqs/:zoneHqId/incidents',
      {
        config: { action: 'incidents.read', object: { zoneHq: 'params.zoneHqId' } },
        schema: {
          tags,
          summary: "A zone HQ's incidents, newest first",
          params: z.strictObject({ zoneHqId: id }),
          querystring: listQuery,
        },
      },
      async (request, reply) => {
        const election = await electionId(reply);
        if (election === undefined) return reply;
        const rows = await listIncidents(ctx.store.db, election, {
          zoneHqId: request.params.zoneHqId,
          openOnly: request.query.open === 'true',
          limit: request.query.limit,
        });
        return { incidents: rows.map((r) => incidentView(r)) };
      },
    );

    app.get(
      '/zone-hqs/:zoneHqId/incidents/feed',
      {
        config: { action: 'incidents.read', object: { zoneHq: 'params.zoneHqId' } },
        schema: {
          tags,
          summary:
            "The zone HQ's live feed: every incident step after `since`, oldest first (poll with the last `at`)",
          params: z.strictObject({ zoneHqId: id }),
          querystring: z.strictObject({
            since: z.iso.datetime({ offset: false, precision: 3 }).optional(),
            limit: z.coerce.number().int().min(1).max(1_000).optional(),
          }),
        },
      },
      async (request, reply) => {
        const election = await electionId(reply);
        if (election === undefined) return reply;
        const rows = await operationsDb(ctx.store.db)
          .selectFrom('incident_events as e')
          .innerJoin('incidents as i', (j) =>
            j.onRef('i.election_id', '=', 'e.election_id').onRef('i.id', '=', 'e.incident_id'),
          )
          .select(['e.incident_id', 'i.branch_id', 'i.kind', 'i.severity', 'e.step', 'e.at'])
          .where('e.election_id', '=', election)
          .where('i.zone_hq_id', '=', request.params.zoneHqId)
          .where('e.at', '>', request.query.since ?? '')
          .orderBy('e.at')
          .orderBy('e.incident_id')
          .orderBy('e.position')
          .limit(request.query.limit ?? 500)
          .execute();
        return {
          events: rows.map((r) => ({
            incidentId: r.incident_id,
            branchId: r.branch_id,
            kind: r.kind,
            severity: r.severity,
            step: r.step,
            at: r.at,
          })),
        };
      },
    );

    app.get(
      '/zone-hqs/:zoneHqId/incidents/figures',
      {
        config: { action: 'incidents.read', object: { zoneHq: 'params.zoneHqId' } },
        schema: {
          tags,
          summary:
            "A zone HQ's figures: open incidents, median and 95th-percentile times to acknowledge and resolve, branches unable to vote",
          params: z.strictObject({ zoneHqId: id }),
        },
      },
      async (request, reply) => {
        const election = await electionId(reply);
        if (election === undefined) return reply;
        const rows = await listIncidents(ctx.store.db, election, {
          zoneHqId: request.params.zoneHqId,
          limit: ALL,
        });
        return figuresView(
          zoneIncidentFigures(request.params.zoneHqId, rows.map(incidentFacts), now()),
        );
      },
    );

    app.get(
      '/incidents/figures',
      {
        config: { action: 'incidents.read' },
        schema: {
          tags,
          summary:
            "The county HQ's board: every zone HQ's figures and the open incidents escalated to the county",
        },
      },
      async (_request, reply) => {
        const election = await electionId(reply);
        if (election === undefined) return reply;
        const [rows, zones] = await Promise.all([
          listIncidents(ctx.store.db, election, { limit: ALL }),
          listZoneHqs(ctx.store, election),
        ]);
        const facts = rows.map(incidentFacts);
        const at = now();
        return {
          at: new Date(at).toISOString(),
          zones: zones.map((z) => figuresView(zoneIncidentFigures(z.id, facts, at))),
          escalated: rows
            .filter(
              (r) =>
                !['resolved', 'confirmed'].includes(r.state) &&
                (r.acknowledge_escalated_at !== null || r.resolve_escalated_at !== null),
            )
            .map((r) => incidentView(r)),
        };
      },
    );
    return Promise.resolve();
  };
}

export function figuresView(f: ReturnType<typeof zoneIncidentFigures>) {
  return {
    ...f,
    unableToVote: f.unableToVote.map((u) => ({
      branchId: u.branchId,
      since: new Date(u.since).toISOString(),
      forSeconds: u.forSeconds,
    })),
  };
}
