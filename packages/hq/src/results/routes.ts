import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { lotTie, problem, type Problem, type ProblemCode } from '@sandogh/core';
import {
  addLotEntry,
  currentElection,
  drawnLots,
  drawStoredLot,
  latestResultVersion,
  listResultVersions,
  openLotSession,
  startLot,
} from '@sandogh/store';
import { sendProblems } from '../plugins/problems.js';
import type { HqContext } from '../context.js';
import type { AuditRecord } from '../audit/recorder.js';
import { rlaRoutes } from './rlaRoutes.js';
import { certifyRoutes } from './certify.js';
import { flagRoutes } from './flags.js';

/**
 * Results at the HQ (issue 7, docs/RESULTS.md): the public, read-only result (its latest version
 * and the whole version chain) and drawn lots; and the lot session of the boards' joint session
 * — open for the tie, each member's own commitment and reveal, the draw. The lot's rules are
 * core's (lot.ts) applied in the store's transaction; every step and every refusal is on the
 * audit log (law 6), the drawn lot as `election.lot.drawn` with a checkpoint.
 */

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const commitmentBody = z.strictObject({ commitment: hex64 });
const revealBody = z.strictObject({ value: hex64 });
const tags = ['results'];

type LotStep = 'open' | 'commitment' | 'reveal' | 'draw';

function refused(step: LotStep, problems: readonly Problem[], electionId?: string): AuditRecord {
  return {
    action: 'results.lot.refused',
    outcome: 'refused',
    reason: (problems[0]?.code ?? 'INPUT_INVALID') as ProblemCode,
    ...(electionId === undefined ? {} : { electionId }),
    details: { step },
  };
}

/**
 * The member a request speaks for: the signed-in person's staff id (their username when the
 * account is not one of the definition's staff), never a field of the body — a member commits
 * and reveals only for themself.
 */
function memberOf(request: FastifyRequest): string | undefined {
  const account = request.access?.who?.account;
  return account === undefined ? undefined : (account.staffId ?? account.username);
}

export function resultsRoutes(ctx: Pick<HqContext, 'store' | 'audit'>): FastifyPluginAsyncZod {
  return async (app) => {
    /** Records a lot step's refusal once: the access layer then does not record it again. */
    async function refuse(
      request: FastifyRequest,
      reply: FastifyReply,
      step: LotStep,
      problems: readonly Problem[],
      electionId: string,
    ) {
      await ctx.audit.record(refused(step, problems, electionId), request);
      if (request.access !== null) request.access.audited = true;
      return sendProblems(reply, problems);
    }

    async function electionId(): Promise<string | Problem> {
      const election = await currentElection(ctx.store);
      return election === undefined ? problem('DEFINITION_NOT_LOADED') : election.id;
    }

    app.get(
      '/public/results',
      {
        config: { action: 'results.read' },
        schema: {
          tags,
          summary: 'The latest published version of the result, with its hash chain link',
        },
      },
      async (_request, reply) => {
        const id = await electionId();
        if (typeof id !== 'string') return sendProblems(reply, [id]);
        const latest = await latestResultVersion(ctx.store.db, id);
        if (latest === undefined) return sendProblems(reply, [problem('RESULTS_NOT_PUBLISHED')]);
        const { results, ...version } = latest;
        return { version, result: JSON.parse(results) as unknown };
      },
    );

    app.get(
      '/public/results/versions',
      {
        config: { action: 'results.read' },
        schema: { tags, summary: 'Every version of the result: the chain anyone can verify' },
      },
      async (_request, reply) => {
        const id = await electionId();
        if (typeof id !== 'string') return sendProblems(reply, [id]);
        const chain = await listResultVersions(ctx.store.db, id);
        return { versions: chain.map(({ results: _results, ...version }) => version) };
      },
    );

    app.get(
      '/public/lots',
      {
        config: { action: 'results.read' },
        schema: { tags, summary: 'Every drawn lot, as records scripts/lot-verify.mjs recomputes' },
      },
      async (_request, reply) => {
        const id = await electionId();
        if (typeof id !== 'string') return sendProblems(reply, [id]);
        return { lots: await drawnLots(ctx.store.db, id) };
      },
    );

    app.get(
      '/results/lot',
      {
        config: { action: 'results.readLive' },
        schema: { tags, summary: 'The open lot session: the tie, commitments and reveals so far' },
      },
      async (_request, reply) => {
        const id = await electionId();
        if (typeof id !== 'string') return sendProblems(reply, [id]);
        const open = await openLotSession(ctx.store.db, id);
        if (open === undefined) return sendProblems(reply, [problem('LOT_NO_TIE')]);
        return { id: open.id, openedAt: open.openedAt, ...open.session };
      },
    );

    app.post(
      '/results/lot',
      {
        config: { action: 'results.lotOpen' },
        schema: { tags, summary: 'Open a lot session for a tie at the last seat', body: lotTie },
      },
      async (request, reply) => {
        const id = await electionId();
        if (typeof id !== 'string') return sendProblems(reply, [id]);
        const opened = await startLot(ctx.store, id, request.body);
        if (!opened.ok) {
          return refuse(request, reply, 'open', opened.error, id);
        }
        await ctx.audit.record(
          {
            action: 'results.lot.opened',
            outcome: 'succeeded',
            electionId: id,
            object: { type: 'lot', id: opened.value.id },
            details: {
              tied: opened.value.session.tie.tied.join(','),
              places: opened.value.session.tie.places,
            },
          },
          request,
        );
        return reply.code(201).send({ id: opened.value.id, ...opened.value.session });
      },
    );

    for (const [path, kind, body] of [
      ['/results/lot/commitments', 'commitment', commitmentBody],
      ['/results/lot/reveals', 'reveal', revealBody],
    ] as const) {
      app.post(
        path,
        {
          config: { action: 'results.lotContribute' },
          schema: {
            tags,
            summary:
              kind === 'commitment'
                ? "The signed-in member's commitment: SHA-256 of their value (docs/RESULTS.md §4)"
                : "The signed-in member's value, which must open their commitment",
            body,
          },
        },
        async (request, reply) => {
          const id = await electionId();
          if (typeof id !== 'string') return sendProblems(reply, [id]);
          const open = await openLotSession(ctx.store.db, id);
          const member = memberOf(request);
          const before =
            open === undefined
              ? problem('LOT_NO_TIE')
              : member === undefined
                ? problem('ACCESS_FORBIDDEN', {
                    action: 'results.lotContribute',
                    reason: 'no staff id',
                  })
                : undefined;
          if (before !== undefined || open === undefined || member === undefined) {
            return refuse(request, reply, kind, [before ?? problem('LOT_NO_TIE')], id);
          }
          const added = await addLotEntry(ctx.store, open.id, kind, {
            memberId: member,
            ...request.body,
          });
          if (!added.ok) {
            return refuse(request, reply, kind, added.error, id);
          }
          await ctx.audit.record(
            {
              action: kind === 'commitment' ? 'results.lot.committed' : 'results.lot.revealed',
              outcome: 'succeeded',
              electionId: id,
              object: { type: 'lot', id: open.id },
              details: { member, ...(kind === 'commitment' ? request.body : {}) },
            },
            request,
          );
          return reply.code(201).send({ id: open.id, ...added.value });
        },
      );
    }

    app.post(
      '/results/lot/draw',
      {
        config: { action: 'results.lotOpen' },
        schema: { tags, summary: 'Draw the lot once every member who committed has revealed' },
      },
      async (request, reply) => {
        const id = await electionId();
        if (typeof id !== 'string') return sendProblems(reply, [id]);
        const open = await openLotSession(ctx.store.db, id);
        if (open === undefined) {
          return refuse(request, reply, 'draw', [problem('LOT_NO_TIE')], id);
        }
        const drawn = await drawStoredLot(ctx.store, open.id);
        if (!drawn.ok) {
          return refuse(request, reply, 'draw', drawn.error, id);
        }
        await ctx.audit.record(
          {
            action: 'election.lot.drawn',
            outcome: 'succeeded',
            electionId: id,
            object: { type: 'lot', id: open.id },
            details: { drawHash: drawn.value.seed, winners: drawn.value.winners.join(',') },
          },
          request,
        );
        await ctx.audit.checkpoint('phase:lot', request);
        return drawn.value;
      },
    );
    await app.register(rlaRoutes(ctx));
    await app.register(flagRoutes(ctx));
    await app.register(certifyRoutes(ctx));
  };
}
