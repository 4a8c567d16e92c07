import { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problem } from '@sandogh/core';
import {
  currentElection,
  importRegistry,
  registryImported,
  registryImportRefused,
  registryImportStarted,
  type RegistryReject,
} from '@sandogh/store';
import { sendProblems } from '../plugins/problems.js';
import type { HqContext } from '../context.js';

/**
 * The registry import over HTTP, for small files (issue 4): a county's correction list, a
 * test registry. The CSV travels as text inside a JSON body — the API speaks JSON only
 * (server.ts), and JSON carries any UTF-8 text without a second parser — limited to
 * REGISTRY_BODY_LIMIT; a full registry goes through `sandogh registry import`, which streams.
 * Same rules as the CLI (docs/FORMATS.md "Voter registry"): one transaction with its audit
 * entry, valid rows or nothing; a refused file writes nothing but its refusal on the record.
 */

/** About 150,000 rows of the demo's shape; beyond that, the CLI. */
export const REGISTRY_BODY_LIMIT = 8 * 1024 * 1024;
/** Rejects listed in the answer; the count is always complete. */
const REJECTS_SHOWN = 1_000;

const importBody = z.strictObject({
  csv: z
    .string()
    .min(1)
    .max(REGISTRY_BODY_LIMIT)
    .describe('The registry file as text: header line, then one voter a line (docs/FORMATS.md)'),
});

export function registryRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/registry/import',
      {
        config: { action: 'pollbook.import' },
        bodyLimit: REGISTRY_BODY_LIMIT + 1024,
        schema: {
          tags: ['pollbook'],
          summary:
            'Import a small voter registry file (CSV in JSON), atomically; re-importing updates voters by national code',
          body: importBody,
        },
      },
      async (request, reply) => {
        const election = await currentElection(ctx.store);
        if (election === undefined) {
          const refused = [problem('DEFINITION_NOT_LOADED')];
          await ctx.audit.record(registryImportRefused(null, refused), request);
          return sendProblems(reply, refused);
        }
        const { csv } = request.body;
        await ctx.audit.record(
          registryImportStarted(election.id, 'hq', Buffer.byteLength(csv)),
          request,
        );
        const rejects: RegistryReject[] = [];
        let rejected = 0;
        const result = await importRegistry(ctx.store, election.id, Readable.from([csv]), {
          onReject: (r) => {
            rejected += 1;
            if (rejects.length < REJECTS_SHOWN) rejects.push(r);
          },
          alsoInTransaction: (trx, summary) =>
            ctx.audit.recordIn(trx, registryImported(summary), request),
        });
        if (!result.ok) {
          await ctx.audit.record(registryImportRefused(election.id, result.error), request);
          // A file of nothing but bad rows: the rows' reasons are the useful part of the answer.
          const answered = result.error.map((p) =>
            p.code === 'REGISTRY_NO_VALID_ROWS' ? { ...p, details: { ...p.details, rejects } } : p,
          );
          return sendProblems(reply, answered);
        }
        request.log.info(
          { electionId: election.id, rows: result.value.rowsRead, rejected },
          'registry imported',
        );
        return reply.code(201).send({
          status: 'imported',
          ...result.value,
          rejects,
          rejectsTruncated: rejected > rejects.length,
        });
      },
    );
    await Promise.resolve();
  };
}
