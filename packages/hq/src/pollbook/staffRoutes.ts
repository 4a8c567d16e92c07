import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  nationalCodeInput,
  parseNationalCode,
  problem,
  type Problem,
  type ProblemCode,
} from '@sandogh/core';
import {
  cardCounts,
  currentElection,
  expireCards,
  markCounts,
  provisionalRejections,
  reissueCard,
} from '@sandogh/store';
import { loadedElectionId } from '../plugins/loadedElection.js';
import type { HqContext } from '../context.js';
import { approve, approverInput } from '../access/approval.js';
import { sendProblems } from '../plugins/problems.js';
import { turnoutReport } from './turnout.js';

/**
 * The poll book's staff and public routes (issue 4): the operator's override with a second
 * person's approval, turnout (counts only, for the dashboard and the public), the branches'
 * reconciliation counts (law 5) and the rejected provisional check-ins for supervisors.
 */

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

export function pollbookStaffRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  async function refuseOverride(
    request: FastifyRequest,
    reply: FastifyReply,
    refused: Problem,
    electionId: string | undefined,
    branchId: string,
  ) {
    if (request.access !== null) request.access.audited = true;
    await ctx.audit.record(
      {
        action: 'pollbook.override.refused',
        outcome: 'refused',
        reason: refused.code as ProblemCode,
        electionId: electionId ?? null,
        object: { type: 'branch', id: branchId },
        details: null,
      },
      request,
    );
    return sendProblems(reply, [refused]);
  }

  return async (app) => {
    app.post(
      '/pollbook/branches/:branchId/override',
      {
        config: { action: 'pollbook.override', object: { branch: 'params.branchId' } },
        bodyLimit: 8 * 1024,
        schema: {
          tags: ['pollbook'],
          summary:
            "Issue a new ballot card to a voter marked at this branch: the device operator, approved at their side by the chair or the governor's representative with their own password and code",
          params: z.strictObject({ branchId: id }),
          body: z.strictObject({
            nationalCode: nationalCodeInput,
            reason: z.string().trim().min(3).max(500),
            approver: approverInput,
          }),
        },
      },
      async (request, reply) => {
        const { branchId } = request.params;
        const { reason } = request.body;
        const election = await currentElection(ctx.store);
        const access = request.access;
        if (election === undefined)
          return refuseOverride(
            request,
            reply,
            problem('DEFINITION_NOT_LOADED'),
            undefined,
            branchId,
          );
        if (access === null || access.who === undefined || access.object === undefined)
          return refuseOverride(
            request,
            reply,
            problem('ACCESS_NOT_SIGNED_IN'),
            election.id,
            branchId,
          );
        const now = request.server.accessControl.settings.clock();
        // The second person is at the operator's side and types their own credentials.
        const approver = await approve(ctx, request, 'pollbook.override', request.body.approver);
        if (!approver.ok)
          return refuseOverride(request, reply, approver.error, election.id, branchId);
        const code = parseNationalCode(request.body.nationalCode);
        if (!code.ok) return refuseOverride(request, reply, code.error, election.id, branchId);
        const issued = await reissueCard(
          ctx.store,
          election.id,
          code.value,
          branchId,
          new Date(now),
          (trx) =>
            ctx.audit.recordIn(
              trx,
              {
                action: 'pollbook.override.granted',
                outcome: 'succeeded',
                electionId: election.id,
                object: { type: 'branch', id: branchId },
                details: { approver: approver.value.username, reason },
              },
              request,
            ),
        );
        if (!issued.ok) return refuseOverride(request, reply, issued.error, election.id, branchId);
        return { status: 'reissued', card: issued.value };
      },
    );

    app.get(
      '/pollbook/turnout',
      {
        config: { action: 'pollbook.read' },
        schema: {
          tags: ['pollbook'],
          summary: 'Voters marked per branch, zone, zone HQ and constituency, by Tehran hour',
        },
      },
      async (_request, reply) => {
        const electionId = await loadedElectionId(ctx, reply);
        if (electionId === undefined) return reply;
        return turnoutReport(ctx.store, electionId, 'staff');
      },
    );

    app.get(
      '/turnout',
      {
        config: { action: 'turnout.read' },
        schema: { tags: ['pollbook'], summary: 'Live turnout for the public: counts only' },
      },
      async (_request, reply) => {
        const electionId = await loadedElectionId(ctx, reply);
        if (electionId === undefined) return reply;
        return turnoutReport(ctx.store, electionId, 'public');
      },
    );

    app.get(
      '/pollbook/reconciliation',
      {
        config: { action: 'pollbook.read' },
        schema: {
          tags: ['pollbook'],
          summary:
            'Per branch: voters marked, cards issued, and cards active, used, abandoned or expired (law 5)',
        },
      },
      async (_request, reply) => {
        const electionId = await loadedElectionId(ctx, reply);
        if (electionId === undefined) return reply;
        await expireCards(ctx.store, electionId, Date.now());
        const marks = await markCounts(ctx.store, electionId);
        const cards = await cardCounts(ctx.store, electionId);
        const branches = [...new Set([...marks.keys(), ...cards.keys()])].sort();
        return {
          branches: branches.map((branchId) => {
            const m = marks.get(branchId) ?? { marks: 0, cardsIssued: 0, provisional: 0 };
            const c = cards.get(branchId) ?? { active: 0, used: 0, abandoned: 0, expired: 0 };
            const cardsCounted = c.active + c.used + c.abandoned + c.expired;
            return {
              branchId,
              ...m,
              cards: c,
              balanced: cardsCounted === m.cardsIssued - m.provisional,
            };
          }),
        };
      },
    );

    app.get(
      '/pollbook/provisional/rejections',
      {
        config: { action: 'pollbook.read' },
        schema: {
          tags: ['pollbook'],
          summary:
            'Offline check-ins HQ rejected (law 1): branch, reason, where and when the earlier mark was',
        },
      },
      async (_request, reply) => {
        const electionId = await loadedElectionId(ctx, reply);
        if (electionId === undefined) return reply;
        return { rejections: await provisionalRejections(ctx.store, electionId) };
      },
    );
    await Promise.resolve();
  };
}
