import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isTrainingMessage, problem } from '@sandogh/core';
import type { HqContext } from '../context.js';
import { sendProblems } from '../plugins/problems.js';

/**
 * Training never reaches a count (issue 8, docs/STATION.md "Training mode"): any signed device
 * message made in training mode — its `election` is the training election's hash — is refused
 * by name on every route of the real HQ, before its device is even looked up, and logged
 * (`devices.training.refused`). Without this guard it would still be refused (law 4: another
 * election), but under a code that does not tell the branch it left its device in training.
 */
async function trainingGuardPlugin(app: FastifyInstance, options: { ctx: HqContext }) {
  app.addHook('preValidation', async (request, reply) => {
    if (!isTrainingMessage(request.body)) return undefined;
    const refused = problem('TRAINING_BALLOT_REFUSED');
    if (request.access !== null) request.access.audited = true;
    await options.ctx.audit.record(
      {
        action: 'devices.training.refused',
        outcome: 'refused',
        reason: 'TRAINING_BALLOT_REFUSED',
        details: {
          route: `${request.method} ${request.routeOptions.url ?? ''}`.slice(0, 200),
        },
      },
      request,
    );
    return sendProblems(reply, [refused]);
  });
  return Promise.resolve();
}

export const trainingGuard = fp(trainingGuardPlugin, { name: 'sandogh-training-guard' });
