import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  cardStateBody,
  checkInBody,
  offlineMarksBody,
  parseNationalCode,
  problem,
  signedDeviceMessageOf,
  type NationalCode,
  type Problem,
  type ProblemCode,
} from '@sandogh/core';
import { decideOfflineMarks, settleCard, type OfflineDecision } from '@sandogh/store';
import type { HqContext } from '../context.js';
import { deviceOf } from '../devices/authenticate.js';
import { sendProblems } from '../plugins/problems.js';
import { answerProblem, type PollbookService } from './service.js';

/**
 * The station's routes (issue 4, law 1, law 4): every body is a signed device message, checked
 * by the access layer before the handler runs. Each is idempotent by the message's id or by
 * what it carries: a retried message is answered as the first time and changes nothing more.
 */

const CHECK_IN_BODY_LIMIT = 16 * 1024;
const OFFLINE_BODY_LIMIT = 256 * 1024;

export function pollbookDeviceRoutes(
  ctx: HqContext,
  service: PollbookService,
): FastifyPluginAsyncZod {
  async function refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    action: 'pollbook.checkin.refused' | 'pollbook.card.refused',
    refused: Problem,
  ) {
    const device = deviceOf(request);
    if (request.access !== null) request.access.audited = true;
    await ctx.audit.record(
      {
        action,
        outcome: 'refused',
        reason: refused.code as ProblemCode,
        electionId: device.electionId,
        object: { type: 'branch', id: device.branchId },
        details: null,
      },
      request,
    );
    return sendProblems(reply, [refused]);
  }

  return async (app) => {
    app.post(
      '/pollbook/check-in',
      {
        config: { action: 'pollbook.checkIn' },
        bodyLimit: CHECK_IN_BODY_LIMIT,
        schema: {
          tags: ['pollbook'],
          summary:
            'Check and mark a voter (law 1): a ballot card for this branch, or the reason why not',
          body: signedDeviceMessageOf(checkInBody),
        },
      },
      async (request, reply) => {
        const device = deviceOf(request);
        const code = parseNationalCode(request.body.message.body.nationalCode);
        if (!code.ok) return refuse(request, reply, 'pollbook.checkin.refused', code.error);
        const outcome = await service.checkIn(request, device, code.value);
        if (outcome === 'no-election')
          return refuse(
            request,
            reply,
            'pollbook.checkin.refused',
            problem('DEFINITION_NOT_LOADED'),
          );
        if (outcome === 'busy')
          return refuse(request, reply, 'pollbook.checkin.refused', problem('POLLBOOK_BUSY'));
        if (outcome.kind === 'marked')
          return {
            status: 'eligible',
            card: outcome.card,
            markedAt: outcome.markedAt,
            replay: outcome.replay,
          };
        const book = await service.book(device.electionId);
        if (book === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        // Recorded in the batch's own transaction already (service.ts).
        if (request.access !== null) request.access.audited = true;
        return sendProblems(reply, [answerProblem(outcome, book.election, device.branchId)]);
      },
    );

    app.post(
      '/pollbook/cards',
      {
        config: { action: 'pollbook.card' },
        bodyLimit: CHECK_IN_BODY_LIMIT,
        schema: {
          tags: ['pollbook'],
          summary: 'Record a ballot card used by its voting device, or abandoned (law 5)',
          body: signedDeviceMessageOf(cardStateBody),
        },
      },
      async (request, reply) => {
        const device = deviceOf(request);
        const { token, state } = request.body.message.body;
        const settled = await settleCard(
          ctx.store,
          device.electionId,
          token,
          state,
          { serial: device.serial, kind: device.kind, branchId: device.branchId },
          Date.now(),
        );
        if (!settled.ok) return refuse(request, reply, 'pollbook.card.refused', settled.error);
        if (settled.value === 'recorded')
          await ctx.audit.record(
            {
              action: 'pollbook.card.settled',
              outcome: 'succeeded',
              electionId: device.electionId,
              object: { type: 'branch', id: device.branchId },
              details: { state },
            },
            request,
          );
        return { state, status: settled.value };
      },
    );

    app.post(
      '/pollbook/offline',
      {
        config: { action: 'pollbook.offline' },
        bodyLimit: OFFLINE_BODY_LIMIT,
        schema: {
          tags: ['pollbook'],
          summary:
            "A station's offline check-ins: each confirmed or rejected; rejected handles' provisional ballots are excluded undecrypted (law 1)",
          body: signedDeviceMessageOf(offlineMarksBody),
        },
      },
      async (request, reply) => {
        const device = deviceOf(request);
        const marks: { nationalCode: NationalCode; at: string; handle: string }[] = [];
        for (const m of request.body.message.body.marks) {
          const code = parseNationalCode(m.nationalCode);
          if (!code.ok) return refuse(request, reply, 'pollbook.checkin.refused', code.error);
          marks.push({ nationalCode: code.value, at: m.at, handle: m.handle });
        }
        const book = await service.book(device.electionId);
        if (book === undefined)
          return refuse(
            request,
            reply,
            'pollbook.checkin.refused',
            problem('DEFINITION_NOT_LOADED'),
          );
        const decided = await decideOfflineMarks(
          ctx.store,
          book.election,
          { branchId: device.branchId, messageId: device.message.id, marks },
          new Date(),
          (trx, decisions) =>
            ctx.audit.recordIn(
              trx,
              offlineEntries(device.electionId, device.branchId, decisions),
              request,
            ),
        );
        if (!decided.ok) return refuse(request, reply, 'pollbook.checkin.refused', decided.error);
        return {
          decisions: decided.value.map((d) => ({
            handle: d.handle,
            decision: d.decision,
            reason: d.reason,
          })),
          excluded: decided.value.filter((d) => d.decision === 'rejected').map((d) => d.handle),
        };
      },
    );
    await Promise.resolve();
  };
}

/** One entry per fresh decision, one more per rejection (the supervisors' incident). */
function offlineEntries(
  electionId: string,
  branchId: string,
  decisions: readonly OfflineDecision[],
) {
  const object = { type: 'branch', id: branchId };
  return decisions
    .filter((d) => d.fresh)
    .flatMap((d) => [
      {
        action: 'pollbook.provisional.decided' as const,
        outcome: 'succeeded' as const,
        electionId,
        object,
        details: { decision: d.decision, reason: d.reason },
      },
      ...(d.decision === 'rejected'
        ? [
            {
              action: 'pollbook.provisional.rejected' as const,
              outcome: 'succeeded' as const,
              electionId,
              object,
              details: {
                reason: d.reason,
                earlierBranch: d.earlierBranchId,
                earlierAt: d.earlierAt,
              },
            },
          ]
        : []),
    ]);
}
