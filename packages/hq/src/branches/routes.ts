import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  applyLifecycle,
  initialLifecycle,
  problem,
  type AuditAction,
  type BranchLifecycle,
  type LifecycleEvent,
  type Problem,
  type ProblemCode,
  type ReportSigner,
} from '@sandogh/core';
import {
  countBallots,
  currentElection,
  readBranchLifecycle,
  reshelveBranchBallots,
  writeBranchLifecycle,
} from '@sandogh/store';
import { sendProblems } from '../plugins/problems.js';
import { loadedElectionId } from '../plugins/loadedElection.js';
import type { HqContext } from '../context.js';
import { approve, approverInput } from '../access/approval.js';
import { reportSignatures, verifyReportSigners, type ReportContent } from './signatures.js';

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
const count = z.int().min(0).max(1_000_000);
const zeroBody = z.strictObject({
  packageHash: z.string().regex(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/, 'the package short hash'),
  ballotsHeld: count,
  ...reportSignatures,
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
  ...reportSignatures,
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
        // Law 2 at rest: the stop's tally report is the moment HQ holds all its ballots; they
        // are rewritten in tracking-code order, so no heap keeps their order of arrival.
        if (ok && action === 'branches.branch.closed')
          await reshelveBranchBallots(trx, election.id, branchId);
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

    /**
     * The zero and tally reports: the people and the device sign (signatures.ts) before
     * anything changes; a refused signature is audited and changes nothing.
     */
    async function signedReport(
      request: FastifyRequest,
      reply: FastifyReply,
      branchId: string,
      given: z.infer<typeof zeroBody> | z.infer<typeof tallyBody>,
      content: (stop: number) => ReportContent,
      events: (
        signers: ReportSigner[],
        state: BranchLifecycle,
        received: number,
      ) => LifecycleEvent[],
      audited: AuditAction,
    ): Promise<FastifyReply | BranchLifecycle> {
      const election = await currentElection(ctx.store);
      if (election === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
      const stored = await readBranchLifecycle(ctx.store.db, election.id, branchId);
      const signed = await verifyReportSigners(
        ctx,
        request,
        election,
        branchId,
        given,
        content(stored?.state.segment ?? 0),
      );
      if (!signed.ok) {
        if (request.access !== null) request.access.audited = true;
        await ctx.audit.record(
          {
            action: 'branches.report.refused',
            outcome: 'refused',
            reason: signed.error.code as ProblemCode,
            electionId: election.id,
            object: { type: 'branch', id: branchId },
          },
          request,
        );
        return sendProblems(reply, [signed.error]);
      }
      return transition(
        request,
        reply,
        branchId,
        (state, _limit, received) => events(signed.value, state, received),
        audited,
        'branches.report.refused',
      );
    }

    app.post(
      '/branches/:branchId/zero-report',
      {
        config: { action: 'branches.open', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary:
            "Open the branch (or the next stop of a mobile branch) with its zero report, signed by the device, the operator, a trustee and the governor's representative",
          params: branchParams,
          body: zeroBody,
        },
      },
      async (request, reply) => {
        const b = request.body;
        return signedReport(
          request,
          reply,
          request.params.branchId,
          b,
          (stop) => ({
            report: 'zero',
            stop,
            packageHash: b.packageHash,
            ballotsHeld: b.ballotsHeld,
          }),
          (signers, state) => [
            ...(state.phase === 'not-configured' || state.phase === 'configured'
              ? [{ type: 'configure' as const, packageHash: b.packageHash }]
              : []),
            { type: 'zeroReport', ballotsHeld: b.ballotsHeld, signers },
            { type: 'startVoting' },
          ],
          'branches.branch.opened',
        );
      },
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
    app.post(
      '/branches/:branchId/tally-report',
      {
        config: { action: 'branches.close', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary:
            'Close the branch (or a stop) with its tally report, signed by the device and the same people; HQ reconciles the last one',
          params: branchParams,
          body: tallyBody,
        },
      },
      async (request, reply) => {
        const b = request.body;
        return signedReport(
          request,
          reply,
          request.params.branchId,
          b,
          (stop) => ({ report: 'tally', stop, counts: b.counts }),
          (signers, state, received) => [
            { type: 'tallyReport', counts: b.counts, signers, received },
            ...(state.segment + 1 >= state.segments ? [{ type: 'received' as const }] : []),
          ],
          'branches.branch.closed',
        );
      },
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
        const electionId = await loadedElectionId(ctx, reply);
        if (electionId === undefined) return reply;
        const stored = await readBranchLifecycle(ctx.store.db, electionId, request.params.branchId);
        return stored?.state ?? initialLifecycle();
      },
    );
    return Promise.resolve();
  };
}
