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
  shortCodePrefixHex,
  shortTrackingCode,
  type TrackingIndex,
} from '@sandogh/crypto';
import { currentElection, stationDb, type Store } from '@sandogh/store';
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
 * lookup tries again. Before the record is out, `receivedBallot` answers from the HQ's own
 * store of ballots.
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

  /** True once record.json is in the directory: from then on the record alone answers. */
  async published(): Promise<boolean> {
    try {
      await stat(join(this.dir, 'record.json'));
      return true;
    } catch {
      return false;
    }
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

/**
 * A ballot the HQ has received and stored, found by its full code or the short code on the
 * slip (its first 80 bits, CRYPTO.md §7.3) — what a voter can check the same day, before the
 * election record is published. Answers the branch only, like the record's lookup (law 2).
 */
export async function receivedBallot(
  store: Store,
  code: string,
): Promise<{ trackingCode: string; branchId: string } | undefined> {
  const election = await currentElection(store);
  if (election === undefined) return undefined;
  const full = code.trim().toLowerCase();
  const prefix = FULL_CODE.test(full) ? full : shortCodePrefixHex(code);
  if (prefix === null) return undefined;
  // A range over the key, not LIKE: the same index scan on every engine. Hex digits sort
  // below 'g', so [prefix, prefix + 'g') holds exactly the codes that start with it.
  const rows = await stationDb(store.db)
    .selectFrom('ballots')
    .select(['tracking_code', 'branch_id'])
    .where('election_id', '=', election.id)
    .where('tracking_code', '>=', prefix)
    .where('tracking_code', '<', `${prefix}g`)
    .limit(2)
    .execute();
  // Two ballots sharing 80 bits is a 2^-80 event; answer nothing rather than guess.
  const [row] = rows;
  return row === undefined || rows.length > 1
    ? undefined
    : { trackingCode: row.tracking_code, branchId: row.branch_id };
}

/**
 * `GET /api/v1/tracking/:code`: is my ballot in, and in which branch? (DESIGN §5) Once the
 * election record is published it alone answers, with the ballot's place in its branch's
 * hash tree; before, the HQ's store answers `received`.
 */
export function trackingRoutes(options: {
  recordDir?: string | undefined;
  store?: Store | undefined;
}): FastifyPluginAsyncZod {
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
        if (record === undefined || !(await record.published())) {
          const received =
            options.store === undefined ? undefined : await receivedBallot(options.store, code);
          if (received !== undefined)
            return {
              found: true,
              status: 'received',
              branchId: received.branchId,
              trackingCode: received.trackingCode,
              shortCode: shortTrackingCode(received.trackingCode),
            };
          return sendProblems(reply, [
            problem(
              options.store === undefined ? 'RECORD_NOT_PUBLISHED' : 'TRACKING_CODE_NOT_RECEIVED',
            ),
          ]);
        }
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
