import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { canonicalJson, canonicalHash, problem, type Problem } from '@sandogh/core';
import {
  contextFromAnnouncements,
  contextToJson,
  manifestHash,
  manifestProblems,
  toHex,
} from '@sandogh/crypto';
import {
  addArtefact,
  listArtefacts,
  openCeremony,
  readDefinition,
  type NewArtefact,
} from '@sandogh/store';
import { sendProblems } from '../plugins/problems.js';
import type { HqContext } from '../context.js';
import {
  cryptoManifestFromDefinition,
  manifestDifferences,
  namedBoardMembers,
} from './manifest.js';
import {
  ceremonyState,
  checkAnnouncement,
  checkShare,
  incompleteBecause,
  judgeSubmittedComplaint,
  loadCeremony,
  type LoadedCeremony,
} from './rules.js';
import {
  announcementBody,
  asAnnouncement,
  asComplaint,
  asManifest,
  asShare,
  complaintBody,
  manifestBody,
  shareBody,
} from './schemas.js';
import { trackingRoutes } from './tracking.js';
import { ceremonyObject, ceremonyRefused, seatRefusal, type CeremonyStep } from './audit.js';
import type { AuditRecord } from '../audit/recorder.js';

/** A Tehran manifest binds ~23,000 report keys: about 1.5 MB of JSON. */
const MANIFEST_BODY_LIMIT = 32 * 1024 * 1024;
/** An announcement of a board of 255 with k = 255 is ~50 KB; the other messages are tiny. */
const MESSAGE_BODY_LIMIT = 256 * 1024;

const tags = ['ceremony'];

export interface TallyRouteOptions {
  readonly recordDir?: string | undefined;
}

/**
 * The key ceremony's public parts (issue 6, docs/CEREMONY.md): the HQ relays announcements,
 * share boxes and complaints between board members, checks each with the profile's own checks
 * (docs/CRYPTO.md §8) before writing it, and publishes the election context once the ceremony
 * is complete. Every route names its access action (`config.action`, issue 3); a member sends
 * only their own seat's messages. Every step and every refusal is on the audit log (law 6,
 * ceremony/audit.ts), the stored message and its entry in one transaction; the step that
 * completes the ceremony is logged and checkpointed. Registered with the tracking-code lookup,
 * which answers from the published record.
 */
export function tallyRoutes(
  ctx: Pick<HqContext, 'store' | 'audit'>,
  options: TallyRouteOptions = {},
): FastifyPluginAsyncZod {
  return async (app) => {
    /** The current ceremony, or a problem already sent. */
    async function current(reply: FastifyReply): Promise<LoadedCeremony | undefined> {
      const loaded = await loadCeremony(ctx.store);
      if (loaded.ok) return loaded.value;
      await sendProblems(reply, [loaded.error]);
      return undefined;
    }

    async function stateOf(loaded: LoadedCeremony) {
      return ceremonyState(
        loaded.ceremony.n,
        await listArtefacts(ctx.store.db, loaded.ceremony.id),
      );
    }

    async function refuse(
      request: FastifyRequest,
      reply: FastifyReply,
      step: CeremonyStep,
      answered: readonly Problem[],
      loaded?: LoadedCeremony,
    ) {
      if (request.access !== null) request.access.audited = true;
      await ctx.audit.record(ceremonyRefused(step, answered, loaded), request);
      return sendProblems(reply, answered);
    }

    /** Stores a checked message with its audit entry; logs and checkpoints a completion. */
    async function store(
      request: FastifyRequest,
      loaded: LoadedCeremony,
      entry: Pick<AuditRecord, 'action' | 'details'>,
      artefact: NewArtefact,
    ): Promise<Problem | undefined> {
      const stored = await ctx.store.db.transaction().execute(async (trx) => {
        const added = await addArtefact(trx, loaded.ceremony.id, artefact);
        if (!added.ok) return added;
        await ctx.audit.recordIn(
          trx,
          {
            ...entry,
            outcome: 'succeeded',
            electionId: loaded.ceremony.electionId,
            object: ceremonyObject(loaded),
          },
          request,
        );
        return added;
      });
      if (!stored.ok) return stored.error;
      if (artefact.kind !== 'complaint' && (await stateOf(loaded)).phase === 'complete') {
        await ctx.audit.record(
          {
            action: 'results.ceremony.completed',
            outcome: 'succeeded',
            electionId: loaded.ceremony.electionId,
            object: ceremonyObject(loaded),
            details: { manifestHash: loaded.ceremony.manifestHash },
          },
          request,
        );
        await ctx.audit.checkpoint('phase:ceremony-complete', request);
      }
      return undefined;
    }

    app.put(
      '/ceremony/manifest',
      {
        bodyLimit: MANIFEST_BODY_LIMIT,
        config: { action: 'ceremony.manage' },
        schema: {
          tags,
          summary:
            "Open the election's key ceremony with its crypto manifest (checked against the loaded definition)",
          body: manifestBody,
        },
      },
      async (request, reply) => {
        const given = asManifest(request.body);
        const malformed = manifestProblems(given);
        if (malformed.length > 0)
          return refuse(request, reply, 'manifest', [
            problem('CEREMONY_MANIFEST_INVALID', { reason: malformed.join('; ') }),
          ]);
        const stored = await readDefinition(ctx.store);
        if (!stored.ok) return refuse(request, reply, 'manifest', [stored.error]);
        const expected = cryptoManifestFromDefinition(stored.value.definition, {
          ...given.board,
          members: namedBoardMembers(given),
        });
        if (!expected.ok) return refuse(request, reply, 'manifest', expected.error);
        const differs = manifestDifferences(expected.value, given);
        if (differs.length > 0)
          return refuse(request, reply, 'manifest', [
            problem('CEREMONY_MANIFEST_MISMATCH', {
              reason: `these fields differ from the definition's: ${differs.join(', ')}`,
              fields: differs,
            }),
          ]);
        const hash = toHex(manifestHash(given));
        const opened = await openCeremony(ctx.store, {
          electionId: given.electionId,
          manifestHash: hash,
          n: given.board.n,
          k: given.board.k,
          manifest: canonicalJson(given),
        });
        if (!opened.ok) return refuse(request, reply, 'manifest', [opened.error]);
        const { outcome, ceremony } = opened.value;
        request.log.info({ manifestHash: hash, outcome }, 'key ceremony');
        await ctx.audit.record(
          {
            action: 'results.ceremony.opened',
            outcome: 'succeeded',
            electionId: ceremony.electionId,
            object: { type: 'ceremony', id: ceremony.id },
            details: { status: outcome, manifestHash: hash, n: ceremony.n, k: ceremony.k },
          },
          request,
        );
        return reply
          .code(outcome === 'unchanged' ? 200 : 201)
          .send({ status: outcome, manifestHash: hash, board: given.board });
      },
    );

    app.get(
      '/ceremony',
      {
        config: { action: 'ceremony.read' },
        schema: { tags, summary: 'Where the key ceremony stands: who announced, what is missing' },
      },
      async (_request, reply) => {
        const loaded = await current(reply);
        if (loaded === undefined) return reply;
        const state = await stateOf(loaded);
        const { n, k } = loaded.ceremony;
        return {
          electionId: loaded.ceremony.electionId,
          manifestHash: loaded.ceremony.manifestHash,
          baseHash: toHex(loaded.base),
          board: { n, k },
          openedAt: loaded.ceremony.openedAt,
          phase: state.phase,
          announced: state.announcements.map((a) => a.index),
          missingAnnouncements: state.missingAnnouncements,
          shares: { delivered: state.shares.length, expected: n * (n - 1) },
          missingShares: state.missingShares.slice(0, 1_000),
          complaints: state.complaints.map(({ from, to, verdict }) => ({ from, to, verdict })),
          convicted: state.convicted,
        };
      },
    );

    app.get(
      '/ceremony/manifest',
      {
        config: { action: 'ceremony.read' },
        schema: { tags, summary: "The ceremony's crypto manifest, exactly as hashed (RFC 8785)" },
      },
      async (_request, reply) => {
        const loaded = await current(reply);
        if (loaded === undefined) return reply;
        return reply.type('application/json; charset=utf-8').send(loaded.ceremony.manifest);
      },
    );

    app.post(
      '/ceremony/announcements',
      {
        bodyLimit: MESSAGE_BODY_LIMIT,
        config: { action: 'ceremony.contribute' },
        schema: {
          tags,
          summary: "Submit a member's announcement (step 1)",
          body: announcementBody,
        },
      },
      async (request, reply) => {
        const loaded = await current(reply);
        if (loaded === undefined) return reply;
        const a = asAnnouncement(request.body);
        const refused =
          seatRefusal(loaded, request, a.index) ??
          checkAnnouncement(loaded, await stateOf(loaded), a);
        if (refused !== undefined) return refuse(request, reply, 'announcement', [refused], loaded);
        const entry = {
          action: 'results.announcement.stored',
          details: { member: a.index },
        } as const;
        const failed = await store(request, loaded, entry, {
          kind: 'announcement',
          sender: a.index,
          recipient: 0,
          document: canonicalJson(a),
          digest: canonicalHash(a),
          verdict: null,
        });
        if (failed !== undefined) return refuse(request, reply, 'announcement', [failed], loaded);
        return reply.code(201).send({ status: 'stored', member: a.index });
      },
    );

    app.get(
      '/ceremony/announcements',
      {
        config: { action: 'ceremony.read' },
        schema: { tags, summary: "Every member's announcement so far, by member number" },
      },
      async (_request, reply) => {
        const loaded = await current(reply);
        if (loaded === undefined) return reply;
        return { announcements: (await stateOf(loaded)).announcements };
      },
    );

    app.post(
      '/ceremony/shares',
      {
        bodyLimit: MESSAGE_BODY_LIMIT,
        config: { action: 'ceremony.contribute' },
        schema: {
          tags,
          summary: 'Submit one sealed share box for a member (step 2)',
          body: shareBody,
        },
      },
      async (request, reply) => {
        const loaded = await current(reply);
        if (loaded === undefined) return reply;
        const m = asShare(request.body);
        const refused =
          seatRefusal(loaded, request, m.from) ?? checkShare(loaded, await stateOf(loaded), m);
        if (refused !== undefined) return refuse(request, reply, 'sharebox', [refused], loaded);
        const entry = {
          action: 'results.sharebox.stored',
          details: { from: m.from, to: m.to },
        } as const;
        const failed = await store(request, loaded, entry, {
          kind: 'share',
          sender: m.from,
          recipient: m.to,
          document: canonicalJson(m),
          digest: canonicalHash(m),
          verdict: null,
        });
        if (failed !== undefined) return refuse(request, reply, 'sharebox', [failed], loaded);
        return reply.code(201).send({ status: 'stored', from: m.from, to: m.to });
      },
    );

    app.get(
      '/ceremony/shares',
      {
        config: { action: 'ceremony.read' },
        schema: {
          tags,
          summary:
            'Sealed share boxes (public: each opens only with its recipient’s key); `to` fetches your own',
          querystring: z.strictObject({
            to: z.coerce.number().int().min(1).max(255).optional(),
            from: z.coerce.number().int().min(1).max(255).optional(),
          }),
        },
      },
      async (request, reply) => {
        const loaded = await current(reply);
        if (loaded === undefined) return reply;
        const { to, from } = request.query;
        const rows = await listArtefacts(ctx.store.db, loaded.ceremony.id, {
          kind: 'share',
          ...(to === undefined ? {} : { recipient: to }),
          ...(from === undefined ? {} : { sender: from }),
        });
        return { shares: rows.map((r) => JSON.parse(r.document) as unknown) };
      },
    );

    app.post(
      '/ceremony/complaints',
      {
        bodyLimit: MESSAGE_BODY_LIMIT,
        config: { action: 'ceremony.contribute' },
        schema: {
          tags,
          summary:
            'Submit a complaint against a share box; judged at once on its evidence (step 3)',
          body: complaintBody,
        },
      },
      async (request, reply) => {
        const loaded = await current(reply);
        if (loaded === undefined) return reply;
        const c = asComplaint(request.body);
        const seat = seatRefusal(loaded, request, c.from);
        if (seat !== undefined) return refuse(request, reply, 'complaint', [seat], loaded);
        const verdict = judgeSubmittedComplaint(loaded, await stateOf(loaded), c);
        if (!verdict.ok) return refuse(request, reply, 'complaint', [verdict.error], loaded);
        request.log.warn({ from: c.from, to: c.to, verdict: verdict.value }, 'ceremony complaint');
        const entry = {
          action: 'results.complaint.judged',
          details: { from: c.from, to: c.to, verdict: verdict.value },
        } as const;
        const failed = await store(request, loaded, entry, {
          kind: 'complaint',
          sender: c.from,
          recipient: c.to,
          document: canonicalJson(c),
          digest: canonicalHash(c),
          verdict: verdict.value,
        });
        if (failed !== undefined) return refuse(request, reply, 'complaint', [failed], loaded);
        return reply
          .code(201)
          .send({ status: 'stored', from: c.from, to: c.to, verdict: verdict.value });
      },
    );

    app.get(
      '/ceremony/complaints',
      {
        config: { action: 'ceremony.read' },
        schema: { tags, summary: 'Every complaint with its verdict' },
      },
      async (_request, reply) => {
        const loaded = await current(reply);
        if (loaded === undefined) return reply;
        return { complaints: (await stateOf(loaded)).complaints };
      },
    );

    app.get(
      '/ceremony/context',
      {
        config: { action: 'ceremony.read' },
        schema: {
          tags,
          summary:
            "The election context (joint key, election hashes) once the ceremony is complete: the voting devices' context.json",
        },
      },
      async (_request, reply) => {
        const loaded = await current(reply);
        if (loaded === undefined) return reply;
        const state = await stateOf(loaded);
        const incomplete: Problem | undefined = incompleteBecause(state);
        if (incomplete !== undefined) return sendProblems(reply, [incomplete]);
        return contextToJson(contextFromAnnouncements(loaded.manifest, state.announcements));
      },
    );

    await app.register(trackingRoutes({ ...options, store: ctx.store }));
  };
}
