import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attendanceStatus, problem } from '@sandogh/core';
import { recordAttendance } from '@sandogh/store';
import type { HqContext } from '../context.js';
import { sendProblems } from '../plugins/problems.js';
import { mobileRoutes } from './mobile.js';
import { speedRoutes } from './speed.js';
import { loadedElectionId } from '../plugins/loadedElection.js';
import { assignedTo, branchExists, branchStaffingView, zoneStaffingView } from './views.js';

const tags = ['staffing'];
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

/**
 * Staff in place (issue 8, docs/OPERATIONS.md §8.3): who the definition assigns to each branch
 * — its five trustees, the governor's representative, observers, the inspector covering it —
 * their attendance on the day, and the branches that may not open yet for want of their
 * required people. Mobile branches and the speed of voting register beside it: together they
 * are the branch floor's view.
 */
export function staffingRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  return async (app) => {
    const now = () => new Date(app.accessControl.settings.clock()).toISOString();
    await app.register(mobileRoutes(ctx));
    await app.register(speedRoutes(ctx));

    const electionId = (reply: FastifyReply) => loadedElectionId(ctx, reply);

    app.get(
      '/branches/:branchId/staffing',
      {
        config: { action: 'branches.read', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary: "A branch's people and their attendance; whether it has those it needs to open",
          params: z.strictObject({ branchId: id }),
        },
      },
      async (request, reply) => {
        const election = await electionId(reply);
        if (election === undefined) return reply;
        const { branchId } = request.params;
        if (!(await branchExists(ctx.store, election, branchId)))
          return sendProblems(reply, [problem('BRANCH_NOT_FOUND', { branch: branchId })]);
        return branchStaffingView(ctx.store, election, branchId);
      },
    );

    app.put(
      '/branches/:branchId/attendance/:staffId',
      {
        config: { action: 'branches.attendance', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary: "Record a person's attendance at the branch: present, absent or left",
          params: z.strictObject({ branchId: id, staffId: id }),
          body: z.strictObject({ status: attendanceStatus }),
        },
      },
      async (request, reply) => {
        const election = await electionId(reply);
        if (election === undefined) return reply;
        const { branchId, staffId } = request.params;
        const people = await assignedTo(ctx.store, election, { branchId });
        if (!people.some((p) => p.id === staffId))
          return sendProblems(reply, [
            problem('STAFF_NOT_ASSIGNED', { staff: staffId, branch: branchId }),
          ]);
        const at = now();
        const by = request.access?.who?.account.username ?? 'unknown';
        await ctx.store.transaction(async (trx) => {
          await recordAttendance(trx, {
            election_id: election,
            staff_id: staffId,
            branch_id: branchId,
            status: request.body.status,
            at,
            recorded_by: by,
          });
          await ctx.audit.recordIn(
            trx,
            {
              action: 'branches.attendance.recorded',
              outcome: 'succeeded',
              electionId: election,
              object: { type: 'branch', id: branchId },
              details: { staff: staffId, status: request.body.status },
            },
            request,
          );
        });
        return { branchId, staffId, status: request.body.status, at };
      },
    );

    app.get(
      '/zone-hqs/:zoneHqId/staffing',
      {
        config: { action: 'branches.read', object: { zoneHq: 'params.zoneHqId' } },
        schema: {
          tags,
          summary:
            "A zone HQ's branches flagged before opening: those without their chair, device operator, quorum or representative",
          params: z.strictObject({ zoneHqId: id }),
        },
      },
      async (request, reply) => {
        const election = await electionId(reply);
        if (election === undefined) return reply;
        return zoneStaffingView(ctx.store, election, request.params.zoneHqId);
      },
    );
  };
}
