import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problem, type VersionSigner } from '@sandogh/core';
import { appendResultVersion, currentElection, latestResultVersion } from '@sandogh/store';
import type { HqContext } from '../context.js';
import { approve, approverInput } from '../access/approval.js';
import { sendProblems } from '../plugins/problems.js';
import { currentFlags } from './flags.js';

/**
 * `POST /api/v1/results/certify` (issue 7, DESIGN §2): the final result becomes certified as a
 * new version of the result chain, never an overwrite — started by HQ staff or the executive
 * board and approved in person by two members of the supervisory board, each with their own
 * password and code (the policy's two-person rule, access/approval.ts). The version, its audit
 * entry and a signed checkpoint of the audit chain (`phase:certification`) commit together.
 * A correction after certification takes the same route with the corrected result. It is
 * refused while any branch has a reconciliation flag without a supervisor's decision (flags.ts).
 */
export function certifyRoutes(ctx: Pick<HqContext, 'store' | 'audit'>): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/results/certify',
      {
        config: { action: 'results.certify' },
        bodyLimit: 8 * 1024,
        schema: {
          tags: ['results'],
          summary:
            'Certify the final result (or a correction of a certified one): two supervisory-board members approve in person',
          body: z.strictObject({
            reason: z.string().trim().min(3).max(500),
            approvers: z.array(approverInput).length(2),
          }),
        },
      },
      async (request, reply) => {
        const election = await currentElection(ctx.store);
        if (election === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        const [first, second] = request.body.approvers;
        if (first === undefined || second === undefined || first.username === second.username)
          return sendProblems(reply, [
            problem('INPUT_INVALID', { reason: 'two different approvers' }, ['approvers']),
          ]);
        // Checked before anyone is asked to approve: only a final (or certified) result may be
        // certified, and the board members' codes are not spent on one that may not.
        const latest = await latestResultVersion(ctx.store.db, election.id);
        if (latest === undefined || (latest.state !== 'final' && latest.state !== 'certified'))
          return sendProblems(reply, [
            problem('RESULTS_STATE_ORDER', {
              from: latest?.state ?? 'none',
              to: 'certified',
              reason: 'only a final result (every branch reconciled) can be certified',
            }),
          ]);
        // Law 5: a branch with a reconciliation flag no supervisor has decided on blocks it.
        const { undecided } = await currentFlags(ctx.store, election.id);
        if (undecided.length > 0)
          return sendProblems(reply, [
            problem('RESULTS_FLAGS_UNDECIDED', {
              branches: undecided.join(', '),
              count: undecided.length,
            }),
          ]);
        const signers: VersionSigner[] = [];
        for (const given of [first, second]) {
          const approved = await approve(ctx, request, 'results.certify', given);
          if (!approved.ok) return sendProblems(reply, [approved.error]);
          signers.push({
            staffId: approved.value.staffId ?? approved.value.username,
            role: 'supervisory-board',
            signedAt: new Date(request.server.accessControl.settings.clock()).toISOString(),
          });
        }
        const appended = await appendResultVersion(
          ctx.store,
          election.id,
          {
            state: 'certified',
            reason: request.body.reason,
            signers,
            createdAt: new Date(request.server.accessControl.settings.clock()).toISOString(),
          },
          JSON.parse(latest.results) as unknown,
          async (trx, version) => {
            await ctx.audit.recordIn(
              trx,
              {
                action: 'results.certified',
                outcome: 'succeeded',
                electionId: election.id,
                object: { type: 'result-version', id: String(version.version) },
                details: {
                  version: version.version,
                  hash: version.hash,
                  resultsHash: version.resultsHash,
                  signers: signers.map((s) => s.staffId),
                },
              },
              request,
            );
            await ctx.audit.checkpointIn(trx, 'phase:certification', request);
          },
        );
        if (!appended.ok) return sendProblems(reply, [appended.error]);
        const v = appended.value;
        return reply.code(201).send({
          version: v.version,
          state: v.state,
          hash: v.hash,
          previousHash: v.previousHash,
          resultsHash: v.resultsHash,
          reason: v.reason,
          signers: v.signers,
          createdAt: v.createdAt,
        });
      },
    );
    await Promise.resolve();
  };
}
