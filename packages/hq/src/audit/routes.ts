import { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditActorKinds, auditOutcomes, isIsoInstant, type ProblemCode } from '@sandogh/core';
import {
  currentElection,
  listAuditEntries,
  type AuditEntryFilter,
  listCheckpoints,
  NIST_FORMATS,
  nistEventLogChunks,
  nistEventLogDocumentation,
  verifyAuditLog,
} from '@sandogh/store';
import type { HqContext } from '../context.js';

const VERSION = '0.1.0';

const id = z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}._:/@-]{0,127}$/u);
const sequence = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const instant = z.string().refine(isIsoInstant, {
  error: 'UTC ISO 8601 with milliseconds, e.g. 2024-05-10T04:30:00.000Z',
});

const entriesQuery = z
  .strictObject({
    action: z
      .string()
      .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/)
      .max(100)
      .optional()
      .describe(
        'An event code, or a prefix of whole segments: "access" matches "access.login.failed"',
      ),
    actorKind: z.enum(auditActorKinds).optional(),
    actorId: id.optional(),
    outcome: z.enum(auditOutcomes).optional(),
    objectType: id.optional(),
    objectId: id.optional(),
    electionId: id.optional(),
    from: instant.optional().describe('Occurred at or after'),
    to: instant.optional().describe('Occurred before'),
    after: sequence.optional().describe('Entries after this sequence number, oldest first'),
    before: sequence.optional().describe('Entries before this sequence number, newest first'),
    limit: z.coerce.number().int().min(1).max(1_000).default(100),
  })
  .refine((q) => q.after === undefined || q.before === undefined, {
    error: 'after and before exclude each other',
    path: ['before'],
  });

/**
 * The audit log's routes (issue 3; docs/AUDIT.md), and the HQ's checkpoint timer and
 * start/stop entries. Who may call which route is the access layer's decision: each route
 * names its action in `config.action` for the policy to look up.
 */
export function auditRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onReady', async () => {
      const entries = [
        ...(ctx.audit.keyCreated
          ? [
              {
                action: 'audit.key.generated' as const,
                outcome: 'succeeded' as const,
                details: { keyId: ctx.audit.key.keyId },
              },
            ]
          : []),
        {
          action: 'system.server.started' as const,
          outcome: 'succeeded' as const,
          details: { version: VERSION, engine: ctx.store.engine, keyId: ctx.audit.key.keyId },
        },
      ];
      for (const entry of entries) await ctx.audit.record(entry);
      await ctx.audit.checkpoint('startup');
      ctx.audit.startTimer(app.log);
    });
    app.addHook('onClose', async () => {
      await ctx.audit.stopTimer();
      try {
        await ctx.audit.record({ action: 'system.server.stopped', outcome: 'succeeded' });
        await ctx.audit.checkpoint('shutdown');
      } catch (error) {
        // The store may already be gone (a test disposing of it first); the next start's
        // checkpoint covers whatever was written since the last one.
        app.log.warn({ err: error }, 'could not sign the shutdown checkpoint');
      }
    });

    app.get(
      '/entries',
      {
        config: { action: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: 'Audit entries, filtered, paged by sequence number',
          querystring: entriesQuery,
        },
      },
      async (request) => {
        // exactOptionalPropertyTypes: pass only the filters that were given.
        const given = Object.fromEntries(
          Object.entries(request.query).filter(([, v]) => v !== undefined),
        ) as AuditEntryFilter;
        const page = await listAuditEntries(ctx.store, given);
        return { entries: page.entries, next: page.next ?? null };
      },
    );

    app.get(
      '/checkpoints',
      {
        config: { action: 'audit.readCheckpoints' },
        schema: {
          tags: ['audit'],
          summary:
            'Signed checkpoints of the chain head, in order: public, so that observers keep copies (`sandogh audit witness`)',
          querystring: z.strictObject({
            after: sequence.optional(),
            limit: z.coerce.number().int().min(1).max(1_000).default(100),
          }),
        },
      },
      async (request) => {
        const page = await listCheckpoints(ctx.store, {
          limit: request.query.limit,
          ...(request.query.after === undefined ? {} : { after: request.query.after }),
        });
        return {
          hqKey: ctx.audit.key,
          checkpoints: page.checkpoints,
          next: page.next ?? null,
        };
      },
    );

    app.post(
      '/checkpoints',
      {
        config: { action: 'audit.checkpoint' },
        schema: {
          tags: ['audit'],
          summary: 'Sign a checkpoint of the chain head now (an operator, before a hand-over)',
        },
      },
      async (request, reply) => {
        const checkpoint = await ctx.audit.checkpoint('manual', request);
        return reply.code(201).send({ hqKey: ctx.audit.key, checkpoint });
      },
    );

    app.get(
      '/verify',
      {
        config: { action: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: 'Verify every hash, link and checkpoint; names the first bad entry',
        },
      },
      async (request) => {
        const verified = await verifyAuditLog(ctx.store, { hqPublicKeys: ctx.audit.trustedKeys });
        if (verified.ok) {
          await ctx.audit.record(
            {
              action: 'audit.log.verified',
              outcome: 'succeeded',
              details: { entries: verified.value.entries },
            },
            request,
          );
          return { ok: true, ...verified.value };
        }
        const { sequence: at, kind, checked } = verified.error;
        await ctx.audit.record(
          {
            action: 'audit.log.breach-found',
            outcome: 'failed',
            reason: verified.error.problem.code as ProblemCode,
            details: { sequence: at, kind },
          },
          request,
        );
        return {
          ok: false,
          firstBad: { sequence: at, kind, checked, problem: verified.error.problem },
        };
      },
    );

    app.get(
      '/export',
      {
        config: { action: 'audit.export' },
        schema: {
          tags: ['audit'],
          summary: 'The whole log as NIST SP 1500-101 JSON, or its event documentation',
          querystring: z.strictObject({ format: z.enum(NIST_FORMATS).default('nist-1500-101') }),
        },
      },
      async (request, reply) => {
        const { format } = request.query;
        await ctx.audit.record(
          { action: 'audit.log.exported', outcome: 'succeeded', details: { format } },
          request,
        );
        reply.type('application/json; charset=utf-8');
        if (format === 'nist-1500-101-documentation')
          return nistEventLogDocumentation({ version: VERSION });
        const election = await currentElection(ctx.store);
        return reply.send(
          Readable.from(
            nistEventLogChunks(ctx.store, {
              hqKeyId: ctx.audit.key.keyId,
              version: VERSION,
              ...(election === undefined ? {} : { electionId: election.id }),
            }),
          ),
        );
      },
    );
    await Promise.resolve();
  };
}
