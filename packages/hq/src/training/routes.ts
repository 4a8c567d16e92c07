import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  TRAINING_ELECTION_HASH,
  TRAINING_LABEL,
  trainingSample,
  tryTrainingBallot,
} from '@sandogh/core';
import type { HqContext } from '../context.js';
import { sendProblems } from '../plugins/problems.js';

/**
 * The public "try the ballot" flow (issue 8, docs/WEB.md): the sample election of training
 * mode and a check of a tried ballot by the real ballot rules — unknown codes refused, at most
 * the sample's seats, a repeat counted once, none a blank ballot. Nothing is stored, encrypted
 * or logged as a vote: the answer says Training / آموزشی and is all that exists of it.
 */
const tags = ['training'];
const tryBody = z.strictObject({
  codes: z.array(z.string().regex(/^\d{1,12}$/, 'a candidate code: digits only')).max(100),
});

export function trainingRoutes(_ctx: HqContext): FastifyPluginAsyncZod {
  return (app) => {
    app.get(
      '/training/election',
      {
        config: { action: 'training.read' },
        schema: {
          tags,
          summary: 'The sample election of training mode (marked Training / آموزشی)',
        },
      },
      () => ({
        training: true,
        label: TRAINING_LABEL,
        electionHash: TRAINING_ELECTION_HASH,
        title: trainingSample.election.title,
        contest: trainingSample.contest,
        candidates: trainingSample.candidates.map((c) => ({ code: c.code, name: c.name })),
      }),
    );

    app.post(
      '/training/ballot',
      {
        config: { action: 'training.try' },
        schema: {
          tags,
          summary:
            'Try the ballot: the sample ballot checked by the real rules; nothing is stored and nothing is counted',
          body: tryBody,
        },
      },
      async (request, reply) => {
        const tried = tryTrainingBallot(request.body.codes);
        if (!tried.ok) return sendProblems(reply, [tried.error]);
        return {
          ...tried.value,
          notice: {
            fa: 'این رای آموزشی است: هیچ جا ثبت نشد و هرگز شمرده نمی‌شود.',
            en: 'This is a training ballot: it was not recorded anywhere and is never counted.',
          },
        };
      },
    );
    return Promise.resolve();
  };
}
