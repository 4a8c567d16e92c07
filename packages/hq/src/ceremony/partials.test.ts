import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { canonicalHash } from '@sandogh/core';
import {
  buildBranchRecord,
  combineDecryption,
  contextFromAnnouncements,
  contextToJson,
  createMember,
  encryptBallot,
  partialDecrypt,
  receiveShares,
  sendShares,
  tallyOfRecord,
  writeRecordBeforeResult,
  type MemberSecret,
  type RecordBeforeResult,
} from '@sandogh/crypto';
import { listAuditEntries } from '@sandogh/store';
import { describeEachEngine } from '@sandogh/store/testing';
import { PARTIAL_FORMAT, type PartialFile } from './schemas.js';
import {
  boardManifest,
  expectProblem,
  loadTestDefinition,
  postCeremony as post,
  tallyTestApp,
  TEST_STAFF_HEADER,
} from './testSupport.js';

const { definition, manifest } = boardManifest(3, 2);

/** A member's partial as `sandogh ceremony decrypt` makes it: of the totals they recomputed. */
function partialFile(record: RecordBeforeResult, secret: MemberSecret): PartialFile {
  const summed = tallyOfRecord(record);
  if (!summed.ok) throw new Error('fixture totals');
  const ctx = contextFromAnnouncements(record.manifest, record.ceremony.announcements);
  const file = {
    format: PARTIAL_FORMAT,
    manifestHash: record.context.manifestHash,
    totalsHash: canonicalHash({ tally: summed.tally, branches: summed.branches }),
    partial: partialDecrypt(ctx, secret, summed.tally),
    branches: summed.branches.map((b) => ({
      branchId: b.branchId,
      partial: partialDecrypt(ctx, secret, b.tally),
    })),
  };
  return JSON.parse(JSON.stringify(file)) as PartialFile;
}

describeEachEngine(
  "the board's partial decryptions at the HQ",
  (ctx) => {
    let app: FastifyInstance;
    let dir: string;
    let record: RecordBeforeResult;
    let secrets: MemberSecret[];
    const members = [1, 2, 3].map((i) => createMember(manifest, i));
    const announcements = members.map((m) => m.announcement);
    const votes: Record<string, number[][]> = { '0001': [[0], [1, 2], []], '0002': [[3], [0]] };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'sandogh-partials-'));
      app = await tallyTestApp(ctx.store, { recordDir: join(dir, 'record') });
      await loadTestDefinition(ctx.store, definition);
      await app.inject({ method: 'PUT', url: '/api/v1/ceremony/manifest', payload: manifest });
      for (const m of members) await post(app, 'commitments', m.commitment);
      for (const a of announcements) await post(app, 'announcements', a);
      const shares = members.flatMap((m) => sendShares(manifest, m.secret, announcements));
      for (const s of shares) await post(app, 'shares', s);
      secrets = members.map(
        (m) =>
          receiveShares(
            manifest,
            m.secret,
            announcements,
            shares.filter((s) => s.to === m.secret.index),
          ).secret,
      );
      const context = contextFromAnnouncements(manifest, announcements);
      const day = manifest.days[0] ?? '';
      record = {
        manifest,
        context: contextToJson(context),
        ceremony: {
          commitments: members.map((m) => m.commitment),
          announcements,
          shares,
          complaints: [],
        },
        branches: manifest.branches.map((b) =>
          buildBranchRecord(
            context.extendedHash,
            b.id,
            manifest.candidates.length,
            (votes[b.id] ?? []).map(
              (choices) => encryptBallot(context, { branchId: b.id, day }, choices).ballot,
            ),
            [],
          ),
        ),
      };
    });
    afterAll(async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses partials before the record is published', async () => {
      const p = partialFile(record, secrets[0] as MemberSecret);
      expectProblem(await post(app, 'partials', p), 'RECORD_NOT_PUBLISHED');
      await writeRecordBeforeResult(join(dir, 'record'), record);
    });

    it('collects each member’s partial once, checked against the published totals, and they combine', async () => {
      const [s1, s2, s3] = secrets;
      if (s1 === undefined || s2 === undefined || s3 === undefined) throw new Error('fixture');
      const p1 = partialFile(record, s1);
      const p3 = partialFile(record, s3);
      expect((await post(app, 'partials', p1)).statusCode).toBe(201);
      expectProblem(await post(app, 'partials', p1), 'CEREMONY_REPLAY');
      expect((await post(app, 'partials', p3)).statusCode).toBe(201);
      const got = (await app.inject('/api/v1/ceremony/partials')).json<{
        partials: PartialFile[];
      }>();
      expect(got.partials.map((p) => p.partial.index)).toEqual([1, 3]);
      const summed = tallyOfRecord(record);
      if (!summed.ok) throw new Error('fixture');
      const result = combineDecryption(
        contextFromAnnouncements(manifest, announcements),
        manifest.contestId,
        announcements,
        summed.tally,
        got.partials.map((p) => p.partial),
      );
      expect(result.counts).toEqual([2, 1, 1, 1]);
      const stored = await listAuditEntries(ctx.store, { action: 'results.partial.stored' });
      expect(stored.entries.map((e) => JSON.parse(e.details ?? '{}') as unknown)).toMatchObject([
        { member: 1 },
        { member: 3 },
      ]);
    });

    it('refuses a forged proof, other totals, another election, or another seat, storing nothing', async () => {
      const s2 = secrets[1];
      if (s2 === undefined) throw new Error('fixture');
      const good = partialFile(record, s2);
      const [first, second] = good.partial.shares;
      if (first === undefined || second === undefined) throw new Error('fixture');
      const forged = {
        ...good,
        partial: {
          ...good.partial,
          shares: [{ ...first, m: second.m }, ...good.partial.shares.slice(1)],
        },
      };
      expect(
        expectProblem(await post(app, 'partials', forged), 'DECRYPT_PARTIAL_INVALID').details,
      ).toMatchObject({ member: 2 });
      expectProblem(
        await post(app, 'partials', { ...good, totalsHash: 'ab'.repeat(32) }),
        'DECRYPT_PARTIAL_FOREIGN',
      );
      expectProblem(
        await post(app, 'partials', { ...good, manifestHash: 'ab'.repeat(32) }),
        'DECRYPT_PARTIAL_FOREIGN',
      );
      expectProblem(
        await post(app, 'partials', { ...good, branches: good.branches.slice(1) }),
        'DECRYPT_PARTIAL_INVALID',
      );
      expectProblem(
        await post(app, 'partials', good, { [TEST_STAFF_HEADER]: 'SB-1' }),
        'CEREMONY_NOT_YOUR_SEAT',
      );
      expectProblem(await post(app, 'partials', { ...good, format: 'x' }), 'INPUT_NOT_ALLOWED');
      const got = (await app.inject('/api/v1/ceremony/partials')).json<{
        partials: PartialFile[];
      }>();
      expect(got.partials.map((p) => p.partial.index)).toEqual([1, 3]);
      const refused = await listAuditEntries(ctx.store, { action: 'results.ceremony.refused' });
      expect(refused.entries.map((e) => e.reason)).toContain('DECRYPT_PARTIAL_INVALID');
    });
  },
  { isolation: 'file' },
);
