import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { canonicalJson, canonicalHash, problem, type Problem } from '@sandogh/core';
import {
  branchesToDecrypt,
  contextFromAnnouncements,
  contextToJson,
  jointCommitments,
  manifestHash,
  manifestProblems,
  partialDecryptionFault,
  publicShareKey,
  readBranchReports,
  tallyOfReports,
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
  checkCommitment,
  checkShare,
  incompleteBecause,
  judgeSubmittedComplaint,
  loadCeremony,
  type LoadedCeremony,
} from './rules.js';
import {
  announcementBody,
  commitmentBody,
  asAnnouncement,
  asCommitment,
  asComplaint,
  asManifest,
  asShare,
  complaintBody,
  manifestBody,
  partialFileBody,
  shareBody,
  type PartialFile,
} from './schemas.js';
import { trackingRoutes } from './tracking.js';
import { ceremonyObject, ceremonyRefused, seatRefusal, type CeremonyStep } from './audit.js';
import type { AuditRecord } from '../audit/recorder.js';

/** A Tehran manifest binds ~23,000 report keys: about 1.5 MB of JSON. */
const MANIFEST_BODY_LIMIT = 32 * 1024 * 1024;
/** An announcement of a board of 255 with k = 255 is ~50 KB; the other messages are tiny. */
const MESSAGE_BODY_LIMIT = 256 * 1024;
/** A partial decryption carries 32 proofs (~7.4 KB) per branch: 23,000 branches make ~170 MB. */
const PARTIAL_BODY_LIMIT = 256 * 1024 * 1024;

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
      if (artefact.kind === 'commitment') {
        const state = await stateOf(loaded);
        // The end of the commit round: its moment is signed, before any announcement.
        if (state.missingCommitments.length === 0 && state.announcements.length === 0)
          await ctx.audit.checkpoint('phase:ceremony-committed', request);
        return undefined;
      }
      if (artefact.kind === 'partial') return undefined;
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
          committed: state.commitments.map((c) => c.index),
          missingCommitments: state.missingCommitments,
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
      '/ceremony/commitments',
      {
        bodyLimit: MESSAGE_BODY_LIMIT,
        config: { action: 'ceremony.contribute' },
        schema: {
          tags,
          summary:
            "Submit a member's commitment to their announcement (step 0, the commit round: before any announcement)",
          body: commitmentBody,
        },
      },
      async (request, reply) => {
        const loaded = await current(reply);
        if (loaded === undefined) return reply;
        const c = asCommitment(request.body);
        const refused =
          seatRefusal(loaded, request, c.index) ??
          checkCommitment(loaded, await stateOf(loaded), c);
        if (refused !== undefined) return refuse(request, reply, 'commitment', [refused], loaded);
        const entry = {
          action: 'results.commitment.stored',
          details: { member: c.index },
        } as const;
        const failed = await store(request, loaded, entry, {
          kind: 'commitment',
          sender: c.index,
          recipient: 0,
          document: canonicalJson(c),
          digest: canonicalHash(c),
          verdict: null,
        });
        if (failed !== undefined) return refuse(request, reply, 'commitment', [failed], loaded);
        return reply.code(201).send({ status: 'stored', member: c.index });
      },
    );

    app.get(
      '/ceremony/commitments',
      {
        config: { action: 'ceremony.read' },
        schema: { tags, summary: "Every member's commitment so far, by member number" },
      },
      async (_request, reply) => {
        const loaded = await current(reply);
        if (loaded === undefined) return reply;
        return { commitments: (await stateOf(loaded)).commitments };
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

    /**
     * A partial decryption is of the totals in the published record (before its result): the
     * product of the branches' signed reports, read without a single ballot. The member
     * recomputed those totals from the ballots (`sandogh ceremony decrypt`); the HQ checks the
     * constituency's proofs at once, and `combine` with V15–V17 check every branch's.
     */
    async function checkPartial(
      loaded: LoadedCeremony,
      p: PartialFile,
    ): Promise<Problem | undefined> {
      const state = await stateOf(loaded);
      const incomplete = incompleteBecause(state);
      if (incomplete !== undefined) return incomplete;
      const member = p.partial.index;
      if (member > loaded.ceremony.n)
        return problem('CEREMONY_MEMBER_INDEX', { index: member, n: loaded.ceremony.n });
      if (p.branches.some((b) => b.partial.index !== member))
        return problem('DECRYPT_PARTIAL_INVALID', {
          member,
          reason: 'every branch partial must be by the same member',
        });
      const file = `partial-${member}.json`;
      if (p.manifestHash !== loaded.ceremony.manifestHash)
        return problem('DECRYPT_PARTIAL_FOREIGN', { file });
      const dir = options.recordDir;
      if (dir === undefined) return problem('RECORD_NOT_PUBLISHED');
      let reports;
      let published;
      try {
        published = JSON.parse(await readFile(join(dir, 'context.json'), 'utf8')) as unknown;
        reports = await readBranchReports(dir);
      } catch {
        return problem('RECORD_NOT_PUBLISHED');
      }
      const context = contextFromAnnouncements(loaded.manifest, state.announcements);
      if (canonicalJson(published) !== canonicalJson(contextToJson(context)))
        return problem('DECRYPT_CONTEXT_MISMATCH');
      let totals;
      try {
        totals = tallyOfReports(loaded.manifest.candidates.length, reports);
      } catch {
        return problem('RECORD_UNREADABLE', { dir: 'recordDir', reason: 'a branch report' });
      }
      if (canonicalHash(totals) !== p.totalsHash)
        return problem('DECRYPT_PARTIAL_FOREIGN', { file });
      // Branches with identity totals (no ballots) carry no partial (docs/CRYPTO.md §9.2, V17).
      const expected = branchesToDecrypt(totals.branches)
        .map((b) => b.branchId)
        .join(',');
      if (p.branches.map((b) => b.branchId).join(',') !== expected)
        return problem('DECRYPT_PARTIAL_INVALID', {
          member,
          reason:
            'one partial per branch report whose totals are not the identity, in branch order, is needed',
        });
      const shareKey = publicShareKey(
        jointCommitments(state.announcements, loaded.ceremony.k),
        member,
      );
      const fault = partialDecryptionFault(
        context.extendedHash,
        shareKey,
        totals.tally.totals,
        p.partial,
      );
      return fault === undefined
        ? undefined
        : problem('DECRYPT_PARTIAL_INVALID', { member, reason: fault });
    }

    app.post(
      '/ceremony/partials',
      {
        bodyLimit: PARTIAL_BODY_LIMIT,
        config: { action: 'ceremony.contribute' },
        schema: {
          tags,
          summary:
            "Submit a member's partial decryption of the published totals (after the count), as `sandogh ceremony decrypt` writes it",
          body: partialFileBody,
        },
      },
      async (request, reply) => {
        const loaded = await current(reply);
        if (loaded === undefined) return reply;
        const p = request.body;
        const member = p.partial.index;
        const refused = seatRefusal(loaded, request, member) ?? (await checkPartial(loaded, p));
        if (refused !== undefined) return refuse(request, reply, 'partial', [refused], loaded);
        const entry = { action: 'results.partial.stored', details: { member } } as const;
        const failed = await store(request, loaded, entry, {
          kind: 'partial',
          sender: member,
          recipient: 0,
          document: canonicalJson(p),
          digest: canonicalHash(p),
          verdict: null,
        });
        if (failed !== undefined) return refuse(request, reply, 'partial', [failed], loaded);
        return reply.code(201).send({ status: 'stored', member });
      },
    );

    app.get(
      '/ceremony/partials',
      {
        config: { action: 'ceremony.read' },
        schema: {
          tags,
          summary:
            "Every member's partial decryption so far (save as one file for `sandogh ceremony combine --partials`)",
        },
      },
      async (_request, reply) => {
        const loaded = await current(reply);
        if (loaded === undefined) return reply;
        const rows = await listArtefacts(ctx.store.db, loaded.ceremony.id, { kind: 'partial' });
        return { partials: rows.map((r) => JSON.parse(r.document) as unknown) };
      },
    );

    await app.register(trackingRoutes({ ...options, store: ctx.store }));
  };
}
