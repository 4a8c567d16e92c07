import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { Problem } from '@sandogh/core';
import {
  baseHash,
  contextFromAnnouncements,
  contextToJson,
  createMember,
  manifestHash,
  messageFromSealed,
  parseElement,
  randomScalar,
  receiveShares,
  sealShare,
  sendShares,
  type MemberAnnouncement,
  type ShareMessage,
} from '@sandogh/crypto';
import { describeEachEngine } from '@sandogh/store/testing';
import { cryptoManifestFromDefinition } from './manifest.js';
import {
  boardManifest,
  expectProblem,
  loadTestDefinition,
  postCeremony as post,
  tallyTestApp,
  TEST_STAFF_HEADER,
} from './testSupport.js';
import { listAuditEntries, listCheckpoints } from '@sandogh/store';

const { definition, manifest } = boardManifest(3, 2);

/** The whole state the ceremony routes expose, to prove a refusal wrote nothing. */
async function snapshot(app: FastifyInstance): Promise<string> {
  const parts = await Promise.all(
    ['', '/commitments', '/announcements', '/shares', '/complaints'].map(
      async (p) => (await app.inject(`/api/v1/ceremony${p}`)).body,
    ),
  );
  return parts.join('\n');
}

describeEachEngine(
  'the key ceremony at the HQ',
  (ctx) => {
    let app: FastifyInstance;
    const members = [1, 2, 3].map((i) => createMember(manifest, i));
    const announcements = members.map((m) => m.announcement);
    const shares = members.flatMap((m) => sendShares(manifest, m.secret, announcements));
    beforeAll(async () => {
      app = await tallyTestApp(ctx.store);
    });
    afterAll(async () => {
      await app.close();
    });

    it('needs a loaded election, then an opened ceremony', async () => {
      const put = { method: 'PUT' as const, url: '/api/v1/ceremony/manifest', payload: manifest };
      expectProblem(await app.inject(put), 'DEFINITION_NOT_LOADED');
      await loadTestDefinition(ctx.store, definition);
      expectProblem(await app.inject('/api/v1/ceremony'), 'CEREMONY_NOT_OPEN');
      expectProblem(await post(app, 'announcements', announcements[0]), 'CEREMONY_NOT_OPEN');
    });

    it('refuses a manifest that is not the one the loaded definition gives', async () => {
      const put = (payload: unknown) =>
        app.inject({ method: 'PUT', url: '/api/v1/ceremony/manifest', payload: payload as object });
      const seats = expectProblem(
        await put({ ...manifest, seats: 3 }),
        'CEREMONY_MANIFEST_MISMATCH',
      );
      expect(seats.details?.['fields']).toEqual(['seats']);
      const keys = expectProblem(
        await put({ ...manifest, branches: manifest.branches.map((b) => ({ id: b.id })) }),
        'CEREMONY_MANIFEST_MISMATCH',
      );
      expect(keys.details?.['fields']).toEqual(['branches']);
      expectProblem(await put({ ...manifest, board: { n: 4, k: 2 } }), 'CEREMONY_BOARD_SIZE');
      expectProblem(await put({ ...manifest, board: { n: 3, k: 4 } }), 'CEREMONY_MANIFEST_INVALID');
      expectProblem(await put({ ...manifest, more: 1 }), 'INPUT_UNKNOWN_FIELD');
      expectProblem(await app.inject('/api/v1/ceremony'), 'CEREMONY_NOT_OPEN');
    });

    it('opens the ceremony once; the same manifest again changes nothing', async () => {
      const put = () =>
        app.inject({ method: 'PUT', url: '/api/v1/ceremony/manifest', payload: manifest });
      const first = await put();
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ status: 'opened', board: { n: 3, k: 2 } });
      expect((await put()).json()).toMatchObject({ status: 'unchanged' });
      const status = (await app.inject('/api/v1/ceremony')).json();
      expect(status).toMatchObject({
        phase: 'committing',
        missingCommitments: [1, 2, 3],
        missingAnnouncements: [1, 2, 3],
        baseHash: Buffer.from(baseHash(manifestHash(manifest), 3, 2)).toString('hex'),
      });
      expect((await app.inject('/api/v1/ceremony/manifest')).json()).toEqual(manifest);
    });

    it('takes announcements only once every member has committed, and only the one committed to', async () => {
      const before = await snapshot(app);
      const [a1, a2] = announcements;
      const [c1, c2, c3] = members.map((m) => m.commitment);
      if (a1 === undefined || a2 === undefined || c1 === undefined || c2 === undefined)
        throw new Error('fixture');
      expect(
        expectProblem(await post(app, 'announcements', a1), 'CEREMONY_NOT_READY').details,
      ).toMatchObject({ reason: expect.stringContaining('1, 2, 3') as unknown });
      expectProblem(await post(app, 'commitments', { ...c1, index: 4 }), 'CEREMONY_MEMBER_INDEX');
      expectProblem(await post(app, 'commitments', { ...c1, digest: 'AB' }), 'INPUT_BAD_FORMAT');
      expect(await snapshot(app)).toBe(before);
      expect((await post(app, 'commitments', c1)).statusCode).toBe(201);
      expect((await post(app, 'commitments', c2)).statusCode).toBe(201);
      expectProblem(await post(app, 'commitments', c1), 'CEREMONY_REPLAY');
      expectProblem(
        await post(app, 'commitments', { ...c1, digest: c2.digest }),
        'CEREMONY_CONFLICT',
      );
      // Member 3 has not committed: nobody may reveal yet.
      expectProblem(await post(app, 'announcements', a1), 'CEREMONY_NOT_READY');
      expect((await post(app, 'commitments', c3)).statusCode).toBe(201);
      const committed = (await app.inject('/api/v1/ceremony')).json();
      expect(committed).toMatchObject({
        phase: 'announcing',
        committed: [1, 2, 3],
        missingCommitments: [],
      });
      expect((await app.inject('/api/v1/ceremony/commitments')).json()).toEqual({
        commitments: members.map((m) => m.commitment),
      });
      // A reveal that is not the announcement committed to is refused, whoever made it.
      const chosenLater = createMember(manifest, 1).announcement;
      const beforeReveal = await snapshot(app);
      expect(
        expectProblem(await post(app, 'announcements', chosenLater), 'CEREMONY_REVEAL_MISMATCH')
          .details,
      ).toMatchObject({ member: 1 });
      expectProblem(
        await post(app, 'announcements', { ...a2, index: 1 }),
        'CEREMONY_REVEAL_MISMATCH',
      );
      expect(await snapshot(app)).toBe(beforeReveal);
      const checkpoints = await listCheckpoints(ctx.store);
      expect(checkpoints.checkpoints.map((c) => c.reason)).toContain('phase:ceremony-committed');
    });

    it('takes shares only once everyone has announced, and only proven announcements', async () => {
      const before = await snapshot(app);
      expectProblem(await post(app, 'shares', shares[0]), 'CEREMONY_NOT_READY');
      const a1 = announcements[0];
      if (a1 === undefined) throw new Error('fixture');
      const forged = { ...a1, commitments: [a1.commitments[1], a1.commitments[0]] };
      // Not the announcement committed to: the commit round refuses it before its proofs are read.
      expectProblem(await post(app, 'announcements', forged), 'CEREMONY_REVEAL_MISMATCH');
      expectProblem(
        await post(app, 'announcements', { ...a1, index: 2 }),
        'CEREMONY_REVEAL_MISMATCH',
      );
      expectProblem(await post(app, 'announcements', { ...a1, index: 4 }), 'CEREMONY_MEMBER_INDEX');
      expect(await snapshot(app)).toBe(before);
      for (const a of announcements)
        expect((await post(app, 'announcements', a)).statusCode).toBe(201);
      expectProblem(await post(app, 'announcements', a1), 'CEREMONY_REPLAY');
      const other = createMember(manifest, 1).announcement;
      expect(
        expectProblem(await post(app, 'announcements', other), 'CEREMONY_REVEAL_MISMATCH').details,
      ).toMatchObject({ member: 1 });
      expectProblem(await post(app, 'commitments', members[0]?.commitment), 'CEREMONY_REPLAY');
      expectProblem(
        await post(app, 'commitments', createMember(manifest, 1).commitment),
        'CEREMONY_CONFLICT',
      );
      expect((await app.inject('/api/v1/ceremony')).json()).toMatchObject({
        phase: 'sharing',
        announced: [1, 2, 3],
        shares: { delivered: 0, expected: 6 },
      });
    });

    it('relays the share boxes, each to its member, and refuses malformed or repeated ones', async () => {
      const s = shares[0];
      if (s === undefined) throw new Error('fixture');
      expectProblem(await post(app, 'shares', { ...s, to: s.from }), 'CEREMONY_SHARE_INVALID');
      expectProblem(
        await post(app, 'shares', { ...s, ephemeral: 'ff'.repeat(32) }),
        'CEREMONY_SHARE_INVALID',
      );
      expectProblem(await post(app, 'shares', { ...s, ciphertext: 'AAAA' }), 'INPUT_BAD_FORMAT');
      for (const m of shares) expect((await post(app, 'shares', m)).statusCode).toBe(201);
      expectProblem(await post(app, 'shares', s), 'CEREMONY_REPLAY');
      expectProblem(
        await post(app, 'shares', { ...s, ciphertext: shares[1]?.ciphertext }),
        'CEREMONY_CONFLICT',
      );
      const mine = (await app.inject('/api/v1/ceremony/shares?to=2')).json<{
        shares: ShareMessage[];
      }>();
      expect(mine.shares.map((m) => m.from)).toEqual([1, 3]);
      const secret2 = members[1]?.secret;
      if (secret2 === undefined) throw new Error('fixture');
      const got = receiveShares(manifest, secret2, announcements, mine.shares);
      expect(got.complaints).toEqual([]);
      expect(got.secret.share).toBeDefined();
    });

    it('publishes the election context once complete, the same as anyone computes it', async () => {
      const context = await app.inject('/api/v1/ceremony/context');
      expect(context.statusCode).toBe(200);
      expect(context.json()).toEqual(
        contextToJson(contextFromAnnouncements(manifest, announcements)),
      );
      expect((await app.inject('/api/v1/ceremony')).json()).toMatchObject({ phase: 'complete' });
    });

    it('refuses a complaint whose evidence does not hold, writing nothing', async () => {
      const before = await snapshot(app);
      const c = {
        from: 1,
        to: 2,
        dh: announcements[0]?.transportKey,
        proof: { c: '00'.repeat(32), v: '00'.repeat(32) },
      };
      expectProblem(await post(app, 'complaints', c), 'CEREMONY_COMPLAINT_INVALID');
      expectProblem(await post(app, 'complaints', { ...c, from: 2 }), 'CEREMONY_NOT_READY');
      expect(await snapshot(app)).toBe(before);
    });

    it('never answers 500 to generated bad messages, and writes nothing (law 8)', async () => {
      const before = await snapshot(app);
      const hexChar = fc.constantFrom(...'0123456789abcdefABCDEF g'.split(''));
      /** One leaf of a valid message changed: a hex digit, or a member number. */
      const mutate = (value: object): fc.Arbitrary<unknown> =>
        fc
          .tuple(fc.nat(), fc.nat(), hexChar, fc.integer({ min: -3, max: 300 }))
          .map(([which, pos, char, int]) => {
            const copy = structuredClone(value) as Record<string, unknown>;
            const paths: [Record<string, unknown> | unknown[], string | number][] = [];
            const walk = (node: Record<string, unknown> | unknown[]): void => {
              for (const [k, v] of Object.entries(node)) {
                const key = Array.isArray(node) ? Number(k) : k;
                if (typeof v === 'object' && v !== null) walk(v as Record<string, unknown>);
                else paths.push([node, key]);
              }
            };
            walk(copy);
            const [node, key] = paths[which % paths.length] ?? [copy, 'index'];
            const old = (node as Record<string | number, unknown>)[key];
            (node as Record<string | number, unknown>)[key] =
              typeof old === 'string' && old.length > 0
                ? old.slice(0, pos % old.length) + char + old.slice((pos % old.length) + 1)
                : int;
            return copy;
          });
      const message = fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom(...announcements).chain(mutate),
        fc.constantFrom(...members.map((m) => m.commitment)).chain(mutate),
        fc.constantFrom(...shares).chain(mutate),
        fc.record({
          from: fc.integer({ min: -2, max: 300 }),
          to: fc.integer({ min: -2, max: 300 }),
          dh: fc.constant('00'.repeat(32)),
          proof: fc.constant({ c: '01'.repeat(32), v: '02'.repeat(32) }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('commitments', 'announcements', 'shares', 'complaints'),
          message,
          async (what, body) => {
            let res;
            try {
              res = await post(app, what, body);
            } catch {
              return; // a body that JSON cannot carry never reaches the server
            }
            expect(res.statusCode).toBeLessThan(500);
            if (res.statusCode >= 300) expect(res.json<Problem>().code).toMatch(/^[A-Z_0-9]+$/);
            else expect(res.statusCode, res.body).toBe(-1);
          },
        ),
        { numRuns: 150 },
      );
      expect(await snapshot(app)).toBe(before);
    });

    it('lets a board member speak only for their own seat, and logs the attempt', async () => {
      const before = await snapshot(app);
      const asOther = await app.inject({
        method: 'POST',
        url: '/api/v1/ceremony/complaints',
        headers: { [TEST_STAFF_HEADER]: 'SB-2' },
        payload: {
          from: 1,
          to: 2,
          dh: '00'.repeat(32),
          proof: { c: '01'.repeat(32), v: '02'.repeat(32) },
        },
      });
      expect(expectProblem(asOther, 'CEREMONY_NOT_YOUR_SEAT').details).toMatchObject({
        member: 1,
        seat: 2,
      });
      expect(await snapshot(app)).toBe(before);
      const refused = await listAuditEntries(ctx.store, { action: 'results.ceremony.refused' });
      expect(refused.entries.map((e) => e.reason)).toContain('CEREMONY_NOT_YOUR_SEAT');
    });

    it('puts every step on the audit log: opening, each message, the completion and its checkpoint', async () => {
      const count = async (action: string) =>
        (await listAuditEntries(ctx.store, { action, limit: 1_000 })).entries.length;
      expect(await count('results.ceremony.opened')).toBe(2);
      expect(await count('results.commitment.stored')).toBe(3);
      expect(await count('results.announcement.stored')).toBe(3);
      expect(await count('results.sharebox.stored')).toBe(6);
      expect(await count('results.ceremony.completed')).toBe(1);
      expect(await count('results.ceremony.refused')).toBeGreaterThan(5);
      const completed = await listAuditEntries(ctx.store, { action: 'results.ceremony.completed' });
      expect(JSON.parse(completed.entries[0]?.details ?? '{}')).toMatchObject({
        manifestHash: Buffer.from(manifestHash(manifest)).toString('hex'),
      });
      const checkpoints = await listCheckpoints(ctx.store);
      expect(checkpoints.checkpoints.map((c) => c.reason)).toContain('phase:ceremony-complete');
      const entries = (await listAuditEntries(ctx.store, { limit: 1_000 })).entries;
      expect(JSON.stringify(entries)).not.toContain(announcements[0]?.transportKey ?? '?');
    });
  },
  { isolation: 'file' },
);

describeEachEngine(
  'a key ceremony with a bad share',
  (ctx) => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await tallyTestApp(ctx.store);
      await loadTestDefinition(ctx.store, definition);
      await app.inject({ method: 'PUT', url: '/api/v1/ceremony/manifest', payload: manifest });
    });
    afterAll(async () => {
      await app.close();
    });

    it('convicts the sender on the complaint, withholds the key, and lets the board rerun', async () => {
      const members = [1, 2, 3].map((i) => createMember(manifest, i));
      const announcements: MemberAnnouncement[] = members.map((m) => m.announcement);
      for (const m of members)
        expect((await post(app, 'commitments', m.commitment)).statusCode).toBe(201);
      for (const a of announcements)
        expect((await post(app, 'announcements', a)).statusCode).toBe(201);
      const base = baseHash(manifestHash(manifest), 3, 2);
      const to3 = parseElement(announcements[2]?.transportKey ?? '');
      const forged = messageFromSealed(2, 3, sealShare(base, 2, 3, to3, randomScalar()));
      const honest = members.flatMap((m) => sendShares(manifest, m.secret, announcements));
      for (const m of honest.map((s) => (s.from === 2 && s.to === 3 ? forged : s)))
        expect((await post(app, 'shares', m)).statusCode).toBe(201);
      const mine = (await app.inject('/api/v1/ceremony/shares?to=3')).json<{
        shares: ShareMessage[];
      }>();
      const secret3 = members[2]?.secret;
      if (secret3 === undefined) throw new Error('fixture');
      const { complaints } = receiveShares(manifest, secret3, announcements, mine.shares);
      expect(complaints.map((c) => [c.from, c.to])).toEqual([[2, 3]]);
      const judged = await post(app, 'complaints', complaints[0]);
      expect(judged.statusCode).toBe(201);
      expect(judged.json()).toMatchObject({ verdict: 'sender-at-fault' });
      expect((await app.inject('/api/v1/ceremony')).json()).toMatchObject({
        phase: 'failed',
        convicted: [2],
      });
      expectProblem(await app.inject('/api/v1/ceremony/context'), 'CEREMONY_SENDER_CONVICTED');
      expectProblem(
        await post(app, 'announcements', announcements[0]),
        'CEREMONY_SENDER_CONVICTED',
      );
      // The board reruns without member 2: a manifest naming the other two.
      const rerun = cryptoManifestFromDefinition(definition, { k: 2, members: ['SB-1', 'SB-3'] });
      if (!rerun.ok) throw new Error('rerun manifest');
      const reopened = await app.inject({
        method: 'PUT',
        url: '/api/v1/ceremony/manifest',
        payload: rerun.value,
      });
      expect(reopened.json()).toMatchObject({ status: 'replaced', board: { n: 2, k: 2 } });
      expect((await app.inject('/api/v1/ceremony')).json()).toMatchObject({
        phase: 'committing',
        missingCommitments: [1, 2],
        missingAnnouncements: [1, 2],
      });
    });
  },
  { isolation: 'file' },
);
