import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { err, ok, problem, type Problem, type Result } from '@sandogh/core';
import {
  buildTrackingIndex,
  normaliseShortCode,
  readRecord,
  type TrackingIndex,
} from '@sandogh/crypto';
import { sendProblems } from '../plugins/problems.js';

/** Full codes are 64 hex characters; short ones 16 base32 characters with dashes (§7.3). */
const FULL_CODE = /^[0-9a-f]{64}$/;

/** True when the input reads as a tracking code at all (full or short form, CRYPTO.md §7.3). */
export function isTrackingCode(input: string): boolean {
  return FULL_CODE.test(input.trim().toLowerCase()) || normaliseShortCode(input) !== null;
}

/**
 * The published election record, indexed once by tracking code (docs/CRYPTO.md §11 "Lookup").
 * Read at the first lookup and again whenever record.json or result.json changes on disk (a
 * record is republished as a whole); a record that cannot be read is not cached, so the next
 * lookup tries again. Today the lookup answers from this directory only; once the HQ stores
 * ballots itself (the ballots issue) it can answer from the store before the record is out.
 */
export class PublishedRecord {
  private cached: { stamp: string; index: TrackingIndex } | undefined;
  private loading: { stamp: string; promise: Promise<TrackingIndex> } | undefined;

  constructor(readonly dir: string) {}

  private async stamp(): Promise<string> {
    const times = await Promise.all(
      ['record.json', 'result.json'].map(async (f) => (await stat(join(this.dir, f))).mtimeMs),
    );
    return times.join('/');
  }

  async index(log: FastifyBaseLogger): Promise<Result<TrackingIndex, Problem>> {
    try {
      const stamp = await this.stamp();
      if (this.cached?.stamp === stamp) return ok(this.cached.index);
      if (this.loading?.stamp !== stamp) {
        const promise = readRecord(this.dir).then((record) => buildTrackingIndex(record));
        this.loading = { stamp, promise };
      }
      const index = await this.loading.promise;
      this.cached = { stamp, index };
      return ok(index);
    } catch (error) {
      this.loading = undefined;
      // The reason names files on the HQ's disk: it goes to the log, not to the public.
      log.error({ err: error, recordDir: this.dir }, 'election record unreadable');
      return err(problem('RECORD_UNREADABLE', { dir: 'recordDir', reason: 'see the HQ log' }));
    }
  }
}

/** `GET /api/v1/tracking/:code`: is my ballot in the record, and in which branch? (DESIGN §5) */
export function trackingRoutes(options: { recordDir?: string | undefined }): FastifyPluginAsyncZod {
  const record =
    options.recordDir === undefined ? undefined : new PublishedRecord(options.recordDir);
  return async (app) => {
    app.get(
      '/tracking/:code',
      {
        // The bulletin board is public (DESIGN §5): the policy's public tracking-code action.
        config: { action: 'ballots.track' },
        schema: {
          tags: ['tracking'],
          summary:
            "Look up a ballot's tracking code (full, or the short code on the slip): cast or challenged, and in which branch",
          params: z.strictObject({ code: z.string().min(1).max(100) }),
        },
      },
      async (request, reply) => {
        const { code } = request.params;
        if (!isTrackingCode(code))
          return sendProblems(reply, [
            problem('TRACKING_CODE_FORMAT', undefined, ['params', 'code']),
          ]);
        if (record === undefined) return sendProblems(reply, [problem('RECORD_NOT_PUBLISHED')]);
        const index = await record.index(request.log);
        if (!index.ok) return sendProblems(reply, [index.error]);
        const hit = index.value.lookup(code);
        if (hit === null) return sendProblems(reply, [problem('TRACKING_CODE_NOT_FOUND')]);
        // Nothing else: the ballot's content and its place in the branch stay unsaid (law 2).
        return {
          found: true,
          status: hit.status,
          branchId: hit.branchId,
          trackingCode: hit.trackingCode,
          shortCode: hit.shortCode,
        };
      },
    );
    await Promise.resolve();
  };
}
