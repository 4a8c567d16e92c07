import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zoneIncidentFigures } from '@sandogh/core';
import { incidentFacts, listIncidents, operationsDb } from '@sandogh/store';
import type { HqContext } from '../context.js';
import { loadedElectionId } from '../plugins/loadedElection.js';
import { figuresView } from './read.js';
import { id } from './report.js';

/**
 * The zone HQ's live feed as Server-Sent Events (issue 8, docs/OPERATIONS.md §8.1), beside the
 * `?since=` polling route and scoped like it (incidents.read on the zone HQ): an `incident`
 * event for every step of the zone's incidents after `since` (or the browser's Last-Event-ID),
 * oldest first, each with its instant as the event id, and a `figures` event at once, after
 * every batch of steps and every few seconds — the "for how long" of a branch unable to vote
 * grows with time alone.
 *
 * A client that does not accept `text/event-stream` (no EventSource: a script, a proxy's
 * health check) gets the same frames once — the figures and the steps so far — and the
 * response ends: the connection is not held.
 *
 * A stream ends by itself after `SANDOGH_FEED_MAX_MS` (default 5 minutes): the browser's
 * EventSource reconnects with Last-Event-ID, and the reconnection passes the access check
 * again, so a session revoked or expired stops receiving within that time.
 */
const tags = ['incidents'];
const instant = z.iso.datetime({ offset: false, precision: 3 });

function envMs(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function frame(event: string, data: unknown, eventId?: string): string {
  return `${eventId === undefined ? '' : `id: ${eventId}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function incidentStreamRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  const pollMs = envMs('SANDOGH_FEED_POLL_MS', 1_000);
  const maxMs = envMs('SANDOGH_FEED_MAX_MS', 5 * 60_000);
  /** Figures go out at least this often, steps or not. */
  const figuresEvery = Math.max(1, Math.round(5_000 / pollMs));
  return (app) => {
    /** Each open stream and its connection, so that shutdown can end both. */
    const open = new Map<PassThrough, { destroySoon(): void } | null>();
    // Before the server waits for its connections to end: an open stream never ends by itself.
    app.addHook('preClose', () => {
      for (const [s, socket] of open) {
        s.end();
        // A keep-alive connection would hold the server's close for its whole timeout.
        socket?.destroySoon();
      }
      return Promise.resolve();
    });
    const now = () => app.accessControl.settings.clock();

    app.get(
      '/zone-hqs/:zoneHqId/incidents/stream',
      {
        config: { action: 'incidents.read', object: { zoneHq: 'params.zoneHqId' } },
        schema: {
          tags,
          summary:
            "The zone HQ's live feed as Server-Sent Events: `incident` (each step after `since` or Last-Event-ID) and `figures`",
          params: z.strictObject({ zoneHqId: id }),
          querystring: z.strictObject({ since: instant.optional() }),
          headers: z.looseObject({ 'last-event-id': instant.optional() }),
        },
      },
      async (request, reply) => {
        const election = await loadedElectionId(ctx, reply);
        if (election === undefined) return reply;
        const { zoneHqId } = request.params;
        let cursor = request.headers['last-event-id'] ?? request.query.since ?? '';
        /** Steps already sent at exactly `cursor` (several may share one millisecond). */
        let sentAtCursor = new Set<string>();
        /** Like the polling route, `since` means strictly after: steps at it were seen. */
        let skipAtCursor = cursor !== '';
        const stream = new PassThrough();
        let timer: NodeJS.Timeout | undefined;
        let stopped = false;
        let busy = false;
        let ticks = 0;
        const stop = () => {
          stopped = true;
          if (timer !== undefined) clearInterval(timer);
          timer = undefined;
          open.delete(stream);
          if (!stream.writableEnded) stream.end();
        };
        const figures = async () => {
          const rows = await listIncidents(ctx.store.db, election, { zoneHqId, limit: 100_000 });
          const at = now();
          stream.write(
            frame('figures', {
              at: new Date(at).toISOString(),
              ...figuresView(zoneIncidentFigures(zoneHqId, rows.map(incidentFacts), at)),
            }),
          );
        };
        const poll = async () => {
          if (busy || stopped) return;
          busy = true;
          try {
            const rows = await operationsDb(ctx.store.db)
              .selectFrom('incident_events as e')
              .innerJoin('incidents as i', (j) =>
                j.onRef('i.election_id', '=', 'e.election_id').onRef('i.id', '=', 'e.incident_id'),
              )
              .select([
                'e.incident_id',
                'e.position',
                'i.branch_id',
                'i.kind',
                'i.severity',
                'e.step',
                'e.at',
              ])
              .where('e.election_id', '=', election)
              .where('i.zone_hq_id', '=', zoneHqId)
              .where('e.at', '>=', cursor)
              .orderBy('e.at')
              .orderBy('e.incident_id')
              .orderBy('e.position')
              .limit(500)
              .execute();
            let sent = 0;
            for (const r of rows) {
              const key = `${r.incident_id}:${r.position}`;
              if (r.at === cursor && (skipAtCursor || sentAtCursor.has(key))) continue;
              if (r.at !== cursor) {
                cursor = r.at;
                sentAtCursor = new Set();
                skipAtCursor = false;
              }
              sentAtCursor.add(key);
              sent += 1;
              stream.write(
                frame(
                  'incident',
                  {
                    incidentId: r.incident_id,
                    branchId: r.branch_id,
                    kind: r.kind,
                    severity: r.severity,
                    step: r.step,
                    at: r.at,
                  },
                  r.at,
                ),
              );
            }
            ticks += 1;
            if (sent > 0 || ticks % figuresEvery === 0) await figures();
          } catch (error: unknown) {
            request.log.error(error, 'incident stream');
            stop();
          } finally {
            busy = false;
          }
        };
        if (!/\btext\/event-stream\b/.test(request.headers.accept ?? '')) {
          // One answer: the frames so far, then the end.
          await figures();
          await poll();
          stream.end();
          return reply
            .header('content-type', 'text/event-stream; charset=utf-8')
            .header('cache-control', 'no-store')
            .send(stream);
        }
        open.set(stream, request.raw.socket);
        reply.raw.on('close', stop);
        setTimeout(stop, maxMs).unref();
        timer = setInterval(() => void poll(), pollMs);
        stream.write(`retry: ${Math.min(pollMs * 3, 10_000)}\n\n`);
        await figures();
        void reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('x-accel-buffering', 'no');
        return reply.send(stream);
      },
    );
    return Promise.resolve();
  };
}
