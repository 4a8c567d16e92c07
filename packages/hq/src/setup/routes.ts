import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  definitionLoaded,
  definitionRefused,
  electionDefinition,
  electionHash,
  problem,
  shortHash,
  validateDefinition,
  type Problem,
} from '@sandogh/core';
import {
  currentElection,
  getBranch,
  listBranches,
  listCandidates,
  listZoneHqs,
  listZones,
  loadDefinition,
  readDefinition,
} from '@sandogh/store';
import { sendProblems } from '../plugins/problems.js';
import type { HqContext } from '../context.js';

/** A Tehran-sized definition with its staff is several megabytes. */
const DEFINITION_BODY_LIMIT = 64 * 1024 * 1024;

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const definitionBody = z
  .unknown()
  .describe(
    'An election definition (JSON Schema at GET /api/v1/election/schema, format in docs/FORMATS.md)',
  );

function definitionProblems(problems: readonly Problem[]): Problem[] {
  return [problem('DEFINITION_INVALID', { count: problems.length, problems })];
}

/** Setup: the election definition and its geography (issue 2). */
export function setupRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/election/validate',
      {
        config: { action: 'election.validate' },
        bodyLimit: DEFINITION_BODY_LIMIT,
        schema: {
          tags: ['setup'],
          summary: 'Validate a definition without loading it; lists every problem with its path',
          body: definitionBody,
        },
      },
      (request) => {
        const checked = validateDefinition(request.body);
        if (!checked.ok) return { valid: false, problems: checked.error };
        const hash = electionHash(checked.value);
        return {
          valid: true,
          electionId: checked.value.election.id,
          hash,
          shortHash: shortHash(hash),
          problems: [],
        };
      },
    );

    app.put(
      '/election',
      {
        config: { action: 'election.load' },
        bodyLimit: DEFINITION_BODY_LIMIT,
        schema: {
          tags: ['setup'],
          summary: 'Load the election definition, atomically (all of it or nothing)',
          body: definitionBody,
        },
      },
      async (request, reply) => {
        const checked = validateDefinition(request.body);
        if (!checked.ok) {
          await ctx.audit.record(definitionRefused(definitionProblems(checked.error)), request);
          return sendProblems(reply, definitionProblems(checked.error));
        }
        const hash = electionHash(checked.value);
        const electionId = checked.value.election.id;
        const loaded = await loadDefinition(ctx.store, checked.value, hash, {
          alsoInTransaction: (trx) =>
            ctx.audit.recordIn(trx, definitionLoaded(electionId, hash, 'loaded'), request),
        });
        if (!loaded.ok) {
          await ctx.audit.record(
            definitionRefused([loaded.error], checked.value.election.id),
            request,
          );
          return sendProblems(reply, [loaded.error]);
        }
        const { outcome, rows } = loaded.value;
        // A new load was recorded in its own transaction; a repeat changes nothing but is noted.
        if (outcome === 'unchanged')
          await ctx.audit.record(definitionLoaded(electionId, hash, outcome), request);
        request.log.info({ electionId, hash, outcome }, 'election definition');
        return reply
          .code(outcome === 'loaded' ? 201 : 200)
          .send({ status: outcome, electionId, hash, shortHash: shortHash(hash), rows });
      },
    );

    app.get(
      '/election',
      {
        config: { action: 'election.read' },
        schema: { tags: ['setup'], summary: 'The loaded election: identity, hash and counts' },
      },
      async (_request, reply) => {
        const election = await currentElection(ctx.store);
        if (election === undefined) return sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
        return { ...election, shortHash: shortHash(election.hash) };
      },
    );

    app.get(
      '/election/definition',
      {
        config: { action: 'election.export' },
        schema: { tags: ['setup'], summary: 'The loaded definition, exactly as imported' },
      },
      async (_request, reply) => {
        const stored = await readDefinition(ctx.store);
        if (!stored.ok) return sendProblems(reply, [stored.error]);
        return reply.type('application/json; charset=utf-8').send(stored.value.document);
      },
    );

    const definitionJsonSchema = z.toJSONSchema(electionDefinition);
    app.get(
      '/election/schema',
      {
        config: { action: 'docs.read' },
        schema: { tags: ['setup'], summary: 'JSON Schema of the election definition' },
      },
      () => definitionJsonSchema,
    );

    /** Geography reads answer for the loaded election, or DEFINITION_NOT_LOADED. */
    async function loadedElectionId(reply: FastifyReply): Promise<string | undefined> {
      const election = await currentElection(ctx.store);
      if (election === undefined) await sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
      return election?.id;
    }

    app.get(
      '/candidates',
      {
        config: { action: 'candidates.read' },
        schema: { tags: ['setup'], summary: 'Candidates in ballot order' },
      },
      async (_request, reply) => {
        const electionId = await loadedElectionId(reply);
        return electionId === undefined
          ? reply
          : { candidates: await listCandidates(ctx.store, electionId) };
      },
    );

    app.get(
      '/zones',
      {
        config: { action: 'geography.read' },
        schema: { tags: ['setup'], summary: "Governor's-representative zones with branch counts" },
      },
      async (_request, reply) => {
        const electionId = await loadedElectionId(reply);
        return electionId === undefined ? reply : { zones: await listZones(ctx.store, electionId) };
      },
    );

    app.get(
      '/zone-hqs',
      {
        config: { action: 'geography.read' },
        schema: { tags: ['setup'], summary: 'Zone headquarters with branch counts' },
      },
      async (_request, reply) => {
        const electionId = await loadedElectionId(reply);
        return electionId === undefined
          ? reply
          : { zoneHqs: await listZoneHqs(ctx.store, electionId) };
      },
    );

    app.get(
      '/branches',
      {
        config: { action: 'geography.read' },
        schema: {
          tags: ['setup'],
          summary: 'Branches, filtered and paged',
          querystring: z.strictObject({
            zoneId: id.optional(),
            zoneHqId: id.optional(),
            kind: z.enum(['fixed', 'mobile']).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          }),
        },
      },
      async (request, reply) => {
        const electionId = await loadedElectionId(reply);
        if (electionId === undefined) return reply;
        const { zoneId, zoneHqId, kind, limit, offset } = request.query;
        return listBranches(ctx.store, electionId, {
          limit,
          offset,
          ...(zoneId === undefined ? {} : { zoneId }),
          ...(zoneHqId === undefined ? {} : { zoneHqId }),
          ...(kind === undefined ? {} : { kind }),
        });
      },
    );

    app.get(
      '/branches/:branchId',
      {
        config: { action: 'branches.read', object: { branch: 'params.branchId' } },
        schema: {
          tags: ['setup'],
          summary: 'One branch with its itinerary and devices',
          params: z.strictObject({ branchId: id }),
        },
      },
      async (request, reply) => {
        const electionId = await loadedElectionId(reply);
        if (electionId === undefined) return reply;
        const branch = await getBranch(ctx.store, electionId, request.params.branchId);
        if (branch === undefined) {
          return sendProblems(reply, [
            problem('BRANCH_NOT_FOUND', { branch: request.params.branchId }),
          ]);
        }
        return branch;
      },
    );
    await Promise.resolve();
  };
}
