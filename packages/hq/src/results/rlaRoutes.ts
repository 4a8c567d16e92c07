import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  problem,
  retrievalLists,
  type Problem,
  type ProblemCode,
  type SampledBallot,
} from '@sandogh/core';
import {
  addRlaEntry,
  currentElection,
  decideRlaRound,
  openRla,
  startRla,
  type StoredRla,
} from '@sandogh/store';
import { sendProblems } from '../plugins/problems.js';
import type { HqContext } from '../context.js';

/**
 * The risk-limiting audit of the paper votes at the HQ (docs/RLA.md): the supervisory board
 * starts it with its risk limit and the public seed; everyone may read the sample, the retrieval
 * lists per sealed box and each round's measured risk; two people enter each paper; the board
 * closes each round with its decision. Every step and refusal on the audit log (law 6).
 */

const startBody = z.strictObject({
  riskLimit: z.number(),
  maxRounds: z.int().optional(),
  fullHandCountFraction: z.number().optional(),
  roundGrowth: z.number().optional(),
  seed: z.string().max(200),
  reported: z.unknown(),
  manifest: z.unknown(),
});
const entryBody = z.strictObject({
  look: z.enum(['first', 'second', 'third']),
  branchId: z.string().max(64),
  position: z.int().min(1),
  marks: z.array(z.string().max(12)).max(1_000).nullable(),
});
const tags = ['results'];

type Step = 'start' | 'entry' | 'round';

/** What anyone may read of the audit: no entry names who read it. */
function publicView(audit: StoredRla) {
  const current = audit.rounds[audit.rounds.length - 1];
  const drawnBefore = audit.rounds.slice(0, -1).reduce((sum, r) => sum + r.draws, 0);
  const currentSample: SampledBallot[] =
    current === undefined ? [] : audit.sample.slice(drawnBefore);
  return {
    id: audit.id,
    seed: audit.seed,
    parameters: audit.plan.parameters,
    reported: audit.reported,
    manifest: audit.manifest,
    pairs: audit.plan.pairs.length,
    rounds: audit.rounds,
    retrieval: retrievalLists(currentSample),
    decision: audit.decision,
  };
}

export function rlaRoutes(ctx: Pick<HqContext, 'store' | 'audit'>): FastifyPluginAsyncZod {
  return async (app) => {
    async function refuse(
      request: FastifyRequest,
      reply: FastifyReply,
      step: Step,
      problems: readonly Problem[],
      electionId?: string,
    ) {
      await ctx.audit.record(
        {
          action: 'results.audit.refused',
          outcome: 'refused',
          reason: (problems[0]?.code ?? 'INPUT_INVALID') as ProblemCode,
          ...(electionId === undefined ? {} : { electionId }),
          details: { step },
        },
        request,
      );
      if (request.access !== null) request.access.audited = true;
      return sendProblems(reply, problems);
    }

    async function electionId(): Promise<string | undefined> {
      return (await currentElection(ctx.store))?.id;
    }

    app.get(
      '/public/audit',
      {
        config: { action: 'results.read' },
        schema: {
          tags,
          summary: "The open risk-limiting audit: seed, rounds, this round's retrieval lists",
        },
      },
      async (_request, reply) => {
        const id = await electionId();
        if (id === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        const audit = await openRla(ctx.store.db, id);
        if (audit === undefined) return sendProblems(reply, [problem('RLA_NOT_STARTED')]);
        return publicView(audit);
      },
    );

    app.post(
      '/results/audit',
      {
        config: { action: 'results.auditManage' },
        schema: {
          tags,
          summary: 'Start the audit: risk limit, public seed, reported result, manifest',
          body: startBody,
        },
      },
      async (request, reply) => {
        const id = await electionId();
        if (id === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        const { seed, reported, manifest, ...parameters } = request.body;
        const started = await startRla(ctx.store, id, { parameters, seed, reported, manifest });
        if (!started.ok) return refuse(request, reply, 'start', started.error, id);
        const object = { type: 'rla', id: started.value.id };
        await ctx.audit.record(
          {
            action: 'results.audit.started',
            outcome: 'succeeded',
            electionId: id,
            object,
            details: { riskLimit: started.value.plan.parameters.riskLimit },
          },
          request,
        );
        const first = started.value.rounds[0];
        if (first !== undefined)
          await ctx.audit.record(
            {
              action: 'results.audit.sampled',
              outcome: 'succeeded',
              electionId: id,
              object,
              details: { round: 1, draws: first.draws },
            },
            request,
          );
        return reply.code(201).send(publicView(started.value));
      },
    );

    app.post(
      '/results/audit/entries',
      {
        config: { action: 'results.auditEnter' },
        schema: {
          tags,
          summary: 'One look at a sampled paper vote, by the signed-in person',
          body: entryBody,
        },
      },
      async (request, reply) => {
        const id = await electionId();
        if (id === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        const audit = await openRla(ctx.store.db, id);
        const account = request.access?.who?.account;
        if (audit === undefined || account === undefined)
          return refuse(request, reply, 'entry', [problem('RLA_NOT_STARTED')], id);
        const { look, ...paper } = request.body;
        const entered = await addRlaEntry(
          ctx.store,
          audit,
          look,
          paper,
          account.staffId ?? account.username,
        );
        if (!entered.ok) return refuse(request, reply, 'entry', entered.error, id);
        await ctx.audit.record(
          {
            action: 'results.audit.entered',
            outcome: 'succeeded',
            electionId: id,
            object: { type: 'rla', id: audit.id },
            details: { branch: paper.branchId, position: paper.position, look },
          },
          request,
        );
        return reply.code(201).send({ look, ...entered.value });
      },
    );

    app.post(
      '/results/audit/rounds',
      {
        config: { action: 'results.auditManage' },
        schema: { tags, summary: "Close the round: every pair's measured risk and the decision" },
      },
      async (request, reply) => {
        const id = await electionId();
        if (id === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        const audit = await openRla(ctx.store.db, id);
        if (audit === undefined)
          return refuse(request, reply, 'round', [problem('RLA_NOT_STARTED')], id);
        const decided = await decideRlaRound(ctx.store, audit);
        if (!decided.ok) return refuse(request, reply, 'round', decided.error, id);
        const object = { type: 'rla', id: audit.id };
        await ctx.audit.record(
          {
            action: 'results.audit.decided',
            outcome: 'succeeded',
            electionId: id,
            object,
            details: { decision: decided.value.decision.kind, risk: decided.value.risk },
          },
          request,
        );
        if (decided.value.decision.kind === 'another-round')
          await ctx.audit.record(
            {
              action: 'results.audit.sampled',
              outcome: 'succeeded',
              electionId: id,
              object,
              details: {
                round: audit.rounds.length + 1,
                draws: decided.value.decision.additionalDraws,
              },
            },
            request,
          );
        return decided.value;
      },
    );
    await Promise.resolve();
  };
}
