import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  canonicalJson,
  flagDecisionKind,
  problem,
  reconciliationCode,
  sha256Hex,
  type Problem,
  type ProblemCode,
} from '@sandogh/core';
import {
  currentElection,
  listBranchCounts,
  readDefinition,
  reconciliationFlags,
  recordFlagDecision,
  storeBranchCounts,
  type CurrentFlags,
  type Store,
} from '@sandogh/store';
import { sendProblems } from '../plugins/problems.js';
import type { HqContext } from '../context.js';

/**
 * Reconciliation flags at the HQ (law 5, issue 7, docs/RESULTS.md §3): every branch's figures
 * read from what HQ holds, each mismatch a flagged item with its numbers; supervisors record a
 * decision on each (never overwritten: a later one is a new entry), and certification waits
 * until every flag has one (certify.ts). After the decryption, HQ staff store the branches'
 * decrypted counts — the third leg of "received at HQ = tally report = decrypted".
 */

const tags = ['results'];
const branchId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const count = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

const decisionBody = z.strictObject({
  branchId,
  code: reconciliationCode,
  field: z.enum(['authenticated', 'cast', 'abandoned']).optional(),
  decision: flagDecisionKind,
  reason: z.string().trim().min(3).max(1_000),
});

/** The record's decryption/branches.json entries; `present` and `partials` are the verifier's. */
const branchCountsBody = z.strictObject({
  branches: z
    .array(
      z.object({
        branchId,
        ballotCount: count,
        counts: z.array(count).max(1_000),
      }),
    )
    .min(1)
    .max(100_000),
});

/** The flags as of now, from the store: certify.ts asks the same question. */
export function currentFlags(store: Store, electionId: string): Promise<CurrentFlags> {
  return reconciliationFlags(store.db, electionId);
}

export function flagRoutes(ctx: Pick<HqContext, 'store' | 'audit'>): FastifyPluginAsyncZod {
  return async (app) => {
    async function refuse(
      request: FastifyRequest,
      reply: FastifyReply,
      step: 'decision' | 'branch-counts',
      problems: readonly Problem[],
      electionId: string,
    ) {
      await ctx.audit.record(
        {
          action: 'results.flag.refused',
          outcome: 'refused',
          reason: (problems[0]?.code ?? 'INPUT_INVALID') as ProblemCode,
          electionId,
          details: { step },
        },
        request,
      );
      if (request.access !== null) request.access.audited = true;
      return sendProblems(reply, problems);
    }

    app.get(
      '/results/flags',
      {
        config: { action: 'results.flagsRead' },
        schema: {
          tags,
          summary:
            "Every branch's reconciliation flags with their numbers and the supervisors' decisions",
        },
      },
      async (_request, reply) => {
        const election = await currentElection(ctx.store);
        if (election === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        return currentFlags(ctx.store, election.id);
      },
    );

    app.post(
      '/results/flags/decisions',
      {
        config: { action: 'results.flagDecide' },
        bodyLimit: 8 * 1024,
        schema: {
          tags,
          summary:
            'A supervisor records a decision on one reconciliation flag (a new entry; earlier ones stay)',
          body: decisionBody,
        },
      },
      async (request, reply) => {
        const election = await currentElection(ctx.store);
        if (election === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        const account = request.access?.who?.account;
        const body = request.body;
        const { flags } = await currentFlags(ctx.store, election.id);
        const flag = flags.find(
          (f) => f.branchId === body.branchId && f.code === body.code && f.field === body.field,
        );
        if (flag === undefined || account === undefined)
          return refuse(
            request,
            reply,
            'decision',
            [
              problem('RESULTS_FLAG_UNKNOWN', {
                branch: body.branchId,
                flag: body.field === undefined ? body.code : `${body.code}:${body.field}`,
              }),
            ],
            election.id,
          );
        const recorded = await recordFlagDecision(
          ctx.store,
          election.id,
          {
            branchId: body.branchId,
            code: body.code,
            ...(body.field !== undefined ? { field: body.field } : {}),
            decision: body.decision,
            reason: body.reason,
            numbers: flag.numbers,
            decidedBy: account.staffId ?? account.username,
            decidedAt: new Date(request.server.accessControl.settings.clock()).toISOString(),
          },
          (trx, d) =>
            ctx.audit.recordIn(
              trx,
              {
                action: 'results.flag.decided',
                outcome: 'succeeded',
                electionId: election.id,
                object: { type: 'branch', id: d.branchId },
                details: {
                  code: d.code,
                  field: d.field ?? null,
                  decision: d.decision,
                  sequence: d.sequence,
                },
              },
              request,
            ),
        );
        if (!recorded.ok) return refuse(request, reply, 'decision', [recorded.error], election.id);
        return reply.code(201).send(recorded.value);
      },
    );

    app.get(
      '/results/branch-counts',
      {
        config: { action: 'results.flagsRead' },
        schema: { tags, summary: "The branches' decrypted counts stored at HQ" },
      },
      async (_request, reply) => {
        const election = await currentElection(ctx.store);
        if (election === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        return { branches: await listBranchCounts(ctx.store.db, election.id) };
      },
    );

    app.post(
      '/results/branch-counts',
      {
        config: { action: 'results.branchCountsStore' },
        bodyLimit: 64 * 1024 * 1024,
        schema: {
          tags,
          summary:
            "Store the branches' decrypted counts after the decryption (the record's decryption/branches.json)",
          body: branchCountsBody,
        },
      },
      async (request, reply) => {
        const stored = await readDefinition(ctx.store);
        if (!stored.ok) return sendProblems(reply, [stored.error]);
        const electionId = stored.value.summary.id;
        const account = request.access?.who?.account;
        const entries = request.body.branches;
        const outcome = await storeBranchCounts(
          ctx.store,
          electionId,
          stored.value.definition,
          entries,
          account?.staffId ?? account?.username ?? 'unknown',
          new Date(request.server.accessControl.settings.clock()).toISOString(),
          (trx, o) =>
            ctx.audit.recordIn(
              trx,
              {
                action: 'results.branch-counts.stored',
                outcome: 'succeeded',
                electionId,
                details: {
                  branches: entries.length,
                  stored: o.stored,
                  digest: sha256Hex(canonicalJson(entries)),
                },
              },
              request,
            ),
        );
        if (!outcome.ok) return refuse(request, reply, 'branch-counts', outcome.error, electionId);
        return reply.code(outcome.value.stored > 0 ? 201 : 200).send(outcome.value);
      },
    );
    await Promise.resolve();
  };
}
