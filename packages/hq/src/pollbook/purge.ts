import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problem } from '@sandogh/core';
import { currentElection, purgeVoterData } from '@sandogh/store';
import type { HqContext } from '../context.js';
import { approve, approverInput } from '../access/approval.js';
import { sendProblems } from '../plugins/problems.js';

/**
 * `POST /api/v1/pollbook/purge` — the retention rule (docs/SECURITY.md §9): after the result is
 * certified and complaints have closed, HQ staff purge the voters' personal data, approved at
 * the same terminal by a member of the supervisory board (the policy's two-person rule, whose
 * approval stands for "the result is certified"). Irreversible; counts only on the record.
 */
export function pollbookPurgeRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/pollbook/purge',
      {
        config: { action: 'pollbook.purge' },
        bodyLimit: 4 * 1024,
        schema: {
          tags: ['pollbook'],
          summary:
            "Purge the voters' personal data after certification: HQ staff, approved by a supervisory-board member with their own password and code",
          body: z.strictObject({
            reason: z.string().trim().min(3).max(500),
            approver: approverInput,
          }),
        },
      },
      async (request, reply) => {
        const election = await currentElection(ctx.store);
        if (election === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        const approved = await approve(ctx, request, 'pollbook.purge', request.body.approver);
        if (!approved.ok) return sendProblems(reply, [approved.error]);
        const counts = await purgeVoterData(ctx.store, election.id, (trx, removed) =>
          ctx.audit.recordIn(
            trx,
            {
              action: 'pollbook.registry.purged',
              outcome: 'succeeded',
              electionId: election.id,
              object: { type: 'election', id: election.id },
              details: {
                voters: removed.voters,
                marks: removed.marks,
                approvedBy: approved.value.username,
                reason: request.body.reason,
              },
            },
            request,
          ),
        );
        return { purged: true, voters: counts.voters, marks: counts.marks };
      },
    );
    await Promise.resolve();
  };
}
