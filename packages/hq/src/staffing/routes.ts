import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attendanceStatus, branchStaffing, problem, type AssignedPerson } from '@sandogh/core';
import { attendanceMap, attendanceOf, recordAttendance } from '@sandogh/store';
import type { HqContext } from '../context.js';
import { sendProblems } from '../plugins/problems.js';
import { mobileRoutes } from './mobile.js';
import { speedRoutes } from './speed.js';
import { loadedElectionId } from '../plugins/loadedElection.js';

const tags = ['staffing'];
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

interface Assigned extends AssignedPerson {
  readonly branchId: string;
  readonly name: { readonly fa: string; readonly en: string };
}

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

    /** Everyone assigned by name to the branches (scope `branches`), in the definition's order. */
    async function assignedTo(
      election: string,
      where: { branchId: string } | { zoneHqId: string },
    ): Promise<Assigned[]> {
      let q = ctx.store.db
        .selectFrom('staff_branches as sb')
        .innerJoin('staff as s', (j) =>
          j.onRef('s.election_id', '=', 'sb.election_id').onRef('s.id', '=', 'sb.staff_id'),
        )
        .innerJoin('branches as b', (j) =>
          j.onRef('b.election_id', '=', 'sb.election_id').onRef('b.id', '=', 'sb.branch_id'),
        )
        .select([
          'sb.branch_id',
          's.id',
          's.name_fa',
          's.name_en',
          's.role',
          's.trustee_role',
          's.device_operator',
        ])
        .where('sb.election_id', '=', election);
      q =
        'branchId' in where
          ? q.where('sb.branch_id', '=', where.branchId)
          : q.where('b.zone_hq_id', '=', where.zoneHqId);
      const rows = await q.orderBy('b.position').orderBy('s.position').execute();
      return rows.map((r) => ({
        branchId: r.branch_id,
        id: r.id,
        name: { fa: r.name_fa, en: r.name_en },
        role: r.role,
        trusteeRole: r.trustee_role,
        deviceOperator: r.device_operator === 1,
      }));
    }

    async function branchExists(election: string, branchId: string): Promise<boolean> {
      const row = await ctx.store.db
        .selectFrom('branches')
        .select('id')
        .where('election_id', '=', election)
        .where('id', '=', branchId)
        .executeTakeFirst();
      return row !== undefined;
    }

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
        if (!(await branchExists(election, branchId)))
          return sendProblems(reply, [problem('BRANCH_NOT_FOUND', { branch: branchId })]);
        const people = await assignedTo(election, { branchId });
        const rows = await attendanceOf(ctx.store.db, election, [branchId]);
        const status = attendanceMap(rows);
        return {
          branchId,
          ...branchStaffing(people, status),
          people: people.map((p) => ({
            id: p.id,
            name: p.name,
            role: p.role,
            trusteeRole: p.trusteeRole,
            deviceOperator: p.deviceOperator,
            attendance: status.get(p.id) ?? null,
            at: rows.find((r) => r.staff_id === p.id)?.at ?? null,
          })),
        };
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
        const people = await assignedTo(election, { branchId });
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
        const branches = await ctx.store.db
          .selectFrom('branches')
          .select('id')
          .where('election_id', '=', election)
          .where('zone_hq_id', '=', request.params.zoneHqId)
          .orderBy('position')
          .execute();
        const people = await assignedTo(election, { zoneHqId: request.params.zoneHqId });
        const rows = await attendanceOf(
          ctx.store.db,
          election,
          branches.map((b) => b.id),
        );
        const views = branches.map((b) => {
          // An inspector covers five branches: attendance is per branch, never carried over.
          const s = branchStaffing(
            people.filter((p) => p.branchId === b.id),
            attendanceMap(rows.filter((r) => r.branch_id === b.id)),
          );
          return { branchId: b.id, ready: s.ready, gaps: s.gaps, unknown: s.unknown.length };
        });
        return {
          zoneHqId: request.params.zoneHqId,
          branches: views.length,
          ready: views.filter((v) => v.ready).length,
          flagged: views.filter((v) => !v.ready),
        };
      },
    );
  };
}
