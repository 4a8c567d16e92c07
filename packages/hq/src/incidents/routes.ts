import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  mayHandle,
  nextIncidentState,
  problem,
  ProblemError,
  signedDeviceMessageOf,
  type IncidentStep,
  type Problem,
} from '@sandogh/core';
import {
  applyIncidentStep,
  getIncident,
  incidentTimeline,
  type IncidentPatch,
  type IncidentRow,
} from '@sandogh/store';
import type { HqContext } from '../context.js';
import { deviceOf } from '../devices/authenticate.js';
import { sendProblems } from '../plugins/problems.js';
import { incidentReadRoutes } from './read.js';
import { id, incidentReport, reportIncident } from './report.js';
import { startIncidentSweep } from './sweep.js';
import { incidentStreamRoutes } from './stream.js';
import { checkDeviceSwap } from './swap.js';
import { incidentEntry, incidentView } from './view.js';
import { loadedElectionId } from '../plugins/loadedElection.js';

const tags = ['incidents'];
const incidentParams = z.strictObject({ branchId: id, incidentId: z.uuid() });
const note = z.string().trim().min(1).max(500);

/** Who acted, as the incident's timeline names them: the account's username. */
function actorName(request: FastifyRequest): string {
  return request.access?.who?.account.username ?? 'unknown';
}

/**
 * Incidents (issue 8, docs/OPERATIONS.md §8.1): reported by the branch's people or by a
 * device's signed message (law 4), routed by kind to the zone HQ's IT committee, support
 * committee or security, taken through the timeline reported → acknowledged → assigned → on
 * site → resolved → confirmed, escalated to the county HQ by a sweep when a target passes.
 * Every route is under the access policy; every step commits with its audit entry (law 6).
 * Time comes from the access layer's clock, which tests control.
 */
export function incidentRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  return async (app) => {
    const now = () => app.accessControl.settings.clock();
    startIncidentSweep(app, ctx, now);
    await app.register(incidentReadRoutes(ctx));
    await app.register(incidentStreamRoutes(ctx));

    const electionId = (reply: FastifyReply) => loadedElectionId(ctx, reply);

    app.post(
      '/branches/:branchId/incidents',
      {
        config: { action: 'incidents.report', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary: 'Report an incident in a branch; it is routed by kind to the team that fixes it',
          params: z.strictObject({ branchId: id }),
          body: incidentReport,
        },
      },
      async (request, reply) => {
        const election = await electionId(reply);
        if (election === undefined) return reply;
        const made = await reportIncident(
          ctx,
          election,
          request.params.branchId,
          request.body,
          { source: 'staff', by: actorName(request) },
          now(),
          request,
        );
        return reply.code(201).send(incidentView(made.incident));
      },
    );

    app.post(
      '/incidents/device',
      {
        config: { action: 'incidents.deviceReport' },
        schema: {
          tags,
          summary:
            'A device reports an incident in its own branch (signed message, law 4); a retry of the same message answers the first',
          body: signedDeviceMessageOf(incidentReport),
        },
      },
      async (request, reply) => {
        const device = deviceOf(request);
        const { message } = request.body;
        const made = await reportIncident(
          ctx,
          device.electionId,
          device.branchId,
          message.body,
          { source: 'device', by: device.serial, deviceMessageId: message.id },
          now(),
          request,
        );
        return reply.code(made.created ? 201 : 200).send(incidentView(made.incident));
      },
    );

    interface StepSpec {
      readonly step: IncidentStep;
      /** The handling team's steps need a person of that team (or zone HQ / HQ staff). */
      readonly byTeam: boolean;
      readonly action: 'incidents.ack' | 'incidents.resolve' | 'incidents.confirm';
      readonly url: string;
      readonly summary: string;
      readonly body: z.ZodType;
      /** The fields the step sets, and a problem when the step's own input does not fit. */
      prepare(
        row: IncidentRow,
        body: unknown,
        at: string,
      ): Promise<{ patch: IncidentPatch; note: string | null } | Problem>;
      entry(row: IncidentRow, body: unknown): ReturnType<typeof incidentEntry>;
    }

    const optionalNote = z.strictObject({ note: note.optional() }).optional();
    const steps: readonly StepSpec[] = [
      {
        step: 'acknowledge',
        byTeam: true,
        action: 'incidents.ack',
        url: 'acknowledge',
        summary: 'Acknowledge an incident: the routed team has it',
        body: optionalNote,
        prepare: (_row, body, at) =>
          Promise.resolve({
            patch: { acknowledged_at: at },
            note: (body as { note?: string } | undefined)?.note ?? null,
          }),
        entry: (row) =>
          incidentEntry('incidents.incident.progressed', row, { step: 'acknowledge' }),
      },
      {
        step: 'assign',
        byTeam: true,
        action: 'incidents.ack',
        url: 'assign',
        summary: 'Assign an acknowledged incident to a responder (or reassign it)',
        body: z.strictObject({ assignee: z.string().trim().min(1).max(100) }),
        prepare: (_row, body, at) =>
          Promise.resolve({
            patch: { assigned_at: at, assigned_to: (body as { assignee: string }).assignee },
            note: (body as { assignee: string }).assignee,
          }),
        entry: (row) => incidentEntry('incidents.incident.progressed', row, { step: 'assign' }),
      },
      {
        step: 'arrive',
        byTeam: true,
        action: 'incidents.ack',
        url: 'on-site',
        summary: 'Record that the responder is on site',
        body: optionalNote,
        prepare: (_row, body, at) =>
          Promise.resolve({
            patch: { on_site_at: at },
            note: (body as { note?: string } | undefined)?.note ?? null,
          }),
        entry: (row) => incidentEntry('incidents.incident.progressed', row, { step: 'arrive' }),
      },
      {
        step: 'resolve',
        byTeam: true,
        action: 'incidents.resolve',
        url: 'resolve',
        summary:
          'Resolve an incident, optionally by a device swap (faulty and replacement serials)',
        body: z.strictObject({
          resolution: z.string().trim().min(1).max(1_000),
          deviceSwap: z.strictObject({ faulty: id, replacement: id }).optional(),
        }),
        prepare: async (row, body, at) => {
          const b = body as {
            resolution: string;
            deviceSwap?: { faulty: string; replacement: string };
          };
          if (b.deviceSwap !== undefined) {
            const refused = await checkDeviceSwap(ctx.store, row, b.deviceSwap);
            if (refused !== undefined) return refused;
          }
          return {
            patch: {
              resolved_at: at,
              resolution: b.resolution,
              faulty_serial: b.deviceSwap?.faulty ?? null,
              replacement_serial: b.deviceSwap?.replacement ?? null,
            },
            note: null,
          };
        },
        entry: (row, body) => {
          const swap = (body as { deviceSwap?: { faulty: string; replacement: string } })
            .deviceSwap;
          return incidentEntry(
            'incidents.incident.resolved',
            row,
            swap === undefined ? {} : { deviceSwap: { ...swap } },
          );
        },
      },
      {
        step: 'confirm',
        byTeam: false,
        action: 'incidents.confirm',
        url: 'confirm',
        summary:
          'The branch confirms the incident resolved (works: true) or reopens it (works: false)',
        body: z.strictObject({ works: z.boolean(), note: note.optional() }),
        prepare: (_row, body, at) => {
          const b = body as { works: boolean; note?: string };
          return Promise.resolve({
            patch: b.works ? { confirmed_at: at } : {},
            note: b.note ?? null,
          });
        },
        entry: (row, body) =>
          incidentEntry('incidents.incident.confirmed', row, {
            works: (body as { works: boolean }).works,
          }),
      },
    ];

    for (const spec of steps) {
      app.post(
        `/branches/:branchId/incidents/:incidentId/${spec.url}`,
        {
          config: { action: spec.action, object: { branch: 'params.branchId' } },
          schema: { tags, summary: spec.summary, params: incidentParams, body: spec.body },
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
          const role = request.access?.who?.actor.role;
          if (spec.byTeam && (role === undefined || !mayHandle(role, row.team)))
            return sendProblems(reply, [
              problem('INCIDENT_NOT_YOUR_TEAM', { team: row.team, role: role ?? '' }),
            ]);
          const works = (request.body as { works?: boolean } | undefined)?.works;
          const step: IncidentStep =
            spec.step === 'confirm' && works === false ? 'reopen' : spec.step;
          const next = nextIncidentState(row.state, step);
          if (!next.ok)
            return sendProblems(reply, [problem('INCIDENT_TRANSITION', { from: row.state, step })]);
          const at = new Date(now()).toISOString();
          const prepared = await spec.prepare(row, request.body, at);
          if ('code' in prepared) return sendProblems(reply, [prepared]);
          const updated = await ctx.store.transaction(async (trx) => {
            const moved = await applyIncidentStep(trx, row, row.state, next.value, prepared.patch, {
              step,
              at,
              actor: actorName(request),
              note: prepared.note,
            });
            if (!moved)
              throw new ProblemError(problem('INCIDENT_TRANSITION', { from: row.state, step }));
            const fresh = await getIncident(trx, election, incidentId);
            if (fresh === undefined) throw new Error('incident vanished inside its transaction');
            await ctx.audit.recordIn(trx, spec.entry(fresh, request.body), request);
            return fresh;
          });
          return incidentView(updated, await incidentTimeline(ctx.store.db, election, incidentId));
        },
      );
    }
  };
}
