import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  applyLifecycle,
  initialLifecycle,
  problem,
  reportSigners,
  type AuditAction,
  type BranchLifecycle,
  type LifecycleEvent,
  type Problem,
  type ProblemCode,
} from '@sandogh/core';
import {
  countBallots,
  currentElection,
  readBranchLifecycle,
  writeBranchLifecycle,
} from '@sandogh/store';
import { sendProblems } from '../plugins/problems.js';
import type { HqContext } from '../context.js';
import { approve, approverInput } from '../access/approval.js';

/**
 * The branch lifecycle at HQ (issue 5; core branches/lifecycle.ts is the machine): the zero
 * report opens a branch, it pauses and resumes, closing time starts the queue rule, HQ
 * extends the hours, the tally report closes it, and HQ reconciles it (law 5). Every
 * transition and every refusal is audited with who, what and why (law 6).
 */
const tags = ['branches'];
const branchParams = z.strictObject({
  branchId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
});
const signers = z.array(z.enum(reportSigners)).max(reportSigners.length);
const count = z.int().min(0).max(1_000_000);
const zeroBody = z.strictObject({
  packageHash: z.string().regex(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/, 'the package short hash'),
  ballotsHeld: count,
  signers,
});
const pauseBody = z.strictObject({ resume: z.boolean() });
const closingBody = z.strictObject({ queued: count });
const extensionBody = z.strictObject({
  totalMinutes: z
    .int()
    .min(1)
    .max(24 * 60),
});
const tallyBody = z.strictObject({
  counts: z.strictObject({
    authenticated: count,
    cast: count,
    abandoned: count,
    provisional: count,
  }),
  signers,
});

export function branchRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  return (app) => {
    /** Applies events to the branch's stored state in one transaction, audited. */
    async function transition(
      request: FastifyRequest,
      reply: FastifyReply,
      branchId: string,
      events: (state: BranchLifecycle, limitMinutes: number, received: number) => LifecycleEvent[],
      action: AuditAction,
      refusedAs: AuditAction,
    ): Promise<FastifyReply | BranchLifecycle> {
      const election = await currentElection(ctx.store);
      const refuse = async (answered: Problem) => {
        await ctx.audit.record(
          {
            action: refusedAs,
            outcome: 'refused',
            reason: answered.code as ProblemCode,
            ...(election === undefined ? {} : { electionId: election.id }),
            object: { type: 'branch', id: branchId },
          },
          request,
        );
        return sendProblems(reply, [answered]);
      };
      if (election === undefined) return refuse(problem('DEFINITION_NOT_LOADED'));
      const branch = await ctx.store.db
        .selectFrom('branches')
        .select(['id', 'kind'])
        .where('election_id', '=', election.id)
        .where('id', '=', branchId)
        .executeTakeFirst();
      if (branch === undefined)
        return refuse(problem('DEVICES_BRANCH_UNKNOWN', { branch: branchId }));
      const stops = await ctx.store.db
        .selectFrom('itinerary_stops')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('election_id', '=', election.id)
        .where('branch_id', '=', branchId)
        .executeTakeFirstOrThrow();
      const definition = await ctx.store.db
        .selectFrom('election')
        .select('document')
        .where('id', '=', election.id)
        .executeTakeFirstOrThrow();
      const limit = (
        JSON.parse(definition.document) as {
          election: { hours: { ministryExtensionLimitMinutes: number } };
        }
      ).election.hours.ministryExtensionLimitMinutes;
      const stored = await readBranchLifecycle(ctx.store.db, election.id, branchId);
      let state = stored?.state ?? initialLifecycle(Math.max(1, stops.n));
      const before = state.phase;
      // The ballots HQ holds for this stop: all of the branch's, less earlier stops' reports.
      const held =
        (await countBallots(ctx.store.db, election.id, branchId)) -
        state.reports.reduce((sum, r) => sum + r.cast, 0);
      for (const event of events(state, limit, held)) {
        const next = applyLifecycle(state, event);
        if (!next.ok) return refuse(next.error);
        state = next.value;
      }
      const written = await ctx.store.transaction(async (trx) => {
        const ok = await writeBranchLifecycle(
          trx,
          election.id,
          branchId,
          state,
          stored?.version ?? 0,
          new Date().toISOString(),
        );
        if (ok)
          await ctx.audit.recordIn(
            trx,
            {
              action,
              outcome: 'succeeded',
              electionId: election.id,
              object: { type: 'branch', id: branchId },
              details: { from: before, to: state.phase, stop: state.segment },
            },
            request,
          );
        // Opening (zero report) and closing (tally report) are phase changes of the branch:
        // HQ signs the chain head with them, in the same transaction (issue 3, AUDIT.md §3).
        if (ok && (action === 'branches.branch.opened' || action === 'branches.branch.closed'))
          await ctx.audit.checkpointIn(
            trx,
            action === 'branches.branch.opened' ? 'phase:branch-opened' : 'phase:branch-closed',
            request,
          );
        return ok;
      });
      if (!written)
        return refuse(
          problem('BRANCH_TRANSITION_REFUSED', { phase: before, event: 'concurrent change' }),
        );
      if (state.phase === 'received') {
        // HQ reconciles as soon as it has the last report (law 5); a mismatch is flagged.
        const reconciled = applyLifecycle(state, { type: 'reconcile' });
        if (!reconciled.ok) {
          await ctx.audit.record(
            {
              action: 'branches.reconciliation.flagged',
              outcome: 'succeeded',
              electionId: election.id,
              object: { type: 'branch', id: branchId },
              details: { code: reconciled.error.code },
            },
            request,
          );
          return state;
        }
        return transition(
          request,
          reply,
          branchId,
          () => [{ type: 'reconcile' }],
          'branches.branch.changed',
          refusedAs,
        );
      }
      return state;
    }

    const route = <B extends z.ZodType>(
      path: string,
      action: 'branches.open' | 'branches.close' | 'branches.pause' | 'branches.extendHours',
      summary: string,
      body: B,
      events: (
        b: z.infer<B>,
        state: BranchLifecycle,
        limit: number,
        received: number,
      ) => LifecycleEvent[],
      audited: AuditAction,
      refusedAs: AuditAction = 'branches.branch.refused',
    ) =>
      app.post(
        `/branches/:branchId/${path}`,
        {
          config: { action, object: { branch: 'params.branchId' } },
          schema: { tags, summary, params: branchParams, body },
        },
        async (request, reply) =>
          transition(
            request,
            reply,
            request.params.branchId,
            (state, limit, received) => events(request.body as z.infer<B>, state, limit, received),
            audited,
            refusedAs,
          ),
      );

    route(
      'zero-report',
      'branches.open',
      'Open the branch (or the next stop of a mobile branch) with its signed zero report',
      zeroBody,
      (b, state) => [
        ...(state.phase === 'not-configured' || state.phase === 'configured'
          ? [{ type: 'configure' as const, packageHash: b.packageHash }]
          : []),
        { type: 'zeroReport', ballotsHeld: b.ballotsHeld, signers: b.signers },
        { type: 'startVoting' },
      ],
      'branches.branch.opened',
      'branches.report.refused',
    );
    route(
      'pause',
      'branches.pause',
      'Pause voting in the branch, or resume it',
      pauseBody,
      (b) => [{ type: b.resume ? 'resume' : 'pause' }],
      'branches.branch.changed',
    );
    route(
      'closing',
      'branches.close',
      'Closing time: only the voters already queued may still vote',
      closingBody,
      (b) => [{ type: 'closingTime', queued: b.queued }],
      'branches.branch.changed',
    );
    route(
      'extension',
      'branches.extendHours',
      "Extend the branch's hours, within the ministry's limit",
      extensionBody,
      (b, _state, limit) => [
        {
          type: 'extendHours',
          totalMinutes: b.totalMinutes,
          limitMinutes: limit,
          boardApproved: false,
        },
      ],
      'branches.branch.changed',
    );
    // Beyond the ministry's limit the supervisory board approves (DESIGN §2 Hours): a board
    // member present types their own credentials (access/approval.ts) before anything changes.
    app.post(
      '/branches/:branchId/extension-beyond-limit',
      {
        config: {
          action: 'branches.extendHoursBeyondLimit',
          object: { branch: 'params.branchId' },
        },
        schema: {
          tags,
          summary:
            "Extend the branch's hours beyond the ministry's limit: a supervisory-board member approves in person",
          params: branchParams,
          body: extensionBody.extend({ approver: approverInput }),
        },
      },
      async (request, reply) => {
        const approved = await approve(
          ctx,
          request,
          'branches.extendHoursBeyondLimit',
          request.body.approver,
        );
        if (!approved.ok) return sendProblems(reply, [approved.error]);
        return transition(
          request,
          reply,
          request.params.branchId,
          (_state, limit) => [
            {
              type: 'extendHours',
              totalMinutes: request.body.totalMinutes,
              limitMinutes: limit,
              boardApproved: true,
            },
          ],
          'branches.branch.changed',
          'branches.branch.refused',
        );
      },
    );
    route(
      'tally-report',
      'branches.close',
      'Close the branch (or a stop) with its signed tally report; HQ reconciles the last one',
      tallyBody,
      (b, state, _limit, received) => [
        { type: 'tallyReport', counts: b.counts, signers: b.signers, received },
        ...(state.segment + 1 >= state.segments ? [{ type: 'received' as const }] : []),
      ],
      'branches.branch.closed',
      'branches.report.refused',
    );
    route(
      'next-stop',
      'branches.open',
      'A mobile branch moves on to the next stop of its itinerary',
      z.strictObject({}),
      () => [{ type: 'nextStop' }],
      'branches.branch.changed',
    );

    app.get(
      '/branches/:branchId/lifecycle',
      {
        config: { action: 'branches.readLive', object: { branch: 'params.branchId' } },
        schema: { tags, summary: "The branch's lifecycle state", params: branchParams },
      },
      async (request, reply) => {
        const election = await currentElection(ctx.store);
        if (election === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        const stored = await readBranchLifecycle(
          ctx.store.db,
          election.id,
          request.params.branchId,
        );
        return stored?.state ?? initialLifecycle();
      },
    );
    return Promise.resolve();
  };
}
