import type { FastifyInstance } from 'fastify';
import { dueEscalations } from '@sandogh/core';
import {
  currentElection,
  getIncident,
  incidentFacts,
  incidentsAwaitingEscalation,
  markEscalated,
} from '@sandogh/store';
import type { HqContext } from '../context.js';
import { raiseLateStops } from '../staffing/lateStops.js';
import { incidentEntry } from './view.js';

export interface SweepOutcome {
  /** Breaches escalated to the county HQ by this sweep. */
  readonly escalated: number;
  /** Late stops of mobile branches that became incidents by this sweep. */
  readonly lateStops: number;
}

/**
 * One pass of the HQ's incident timer (issue 8, docs/OPERATIONS.md §8.1 "Escalation"): every
 * missed target not yet escalated goes to the county HQ — once, marked and logged in one
 * transaction, whatever other sweep runs beside it — and every mobile branch's stop late
 * beyond its grace becomes an incident. `now` is the HQ's clock, which tests control.
 */
export async function sweepIncidents(
  ctx: Pick<HqContext, 'store' | 'audit'>,
  now: number,
): Promise<SweepOutcome> {
  const election = await currentElection(ctx.store);
  if (election === undefined) return { escalated: 0, lateStops: 0 };
  const at = new Date(now).toISOString();
  let escalated = 0;
  for (const row of await incidentsAwaitingEscalation(ctx.store.db, election.id)) {
    for (const breach of dueEscalations(incidentFacts(row), now)) {
      const done = await ctx.store.transaction(async (trx) => {
        if (!(await markEscalated(trx, election.id, row.id, breach, at))) return false;
        const fresh = (await getIncident(trx, election.id, row.id)) ?? row;
        await ctx.audit.recordIn(
          trx,
          incidentEntry('incidents.incident.escalated', fresh, {
            breach,
            to: 'county-hq',
            state: fresh.state,
          }),
        );
        return true;
      });
      if (done) escalated += 1;
    }
  }
  const lateStops = await raiseLateStops(ctx, election, now);
  return { escalated, lateStops };
}

const DEFAULT_SWEEP_MS = 10_000;

/**
 * Runs the sweep every SANDOGH_INCIDENT_SWEEP_MS (default 10 s; 0 turns it off) from the
 * moment the server is ready until it closes; one pass at a time, a failure logged and retried
 * on the next tick.
 */
export function startIncidentSweep(
  app: FastifyInstance,
  ctx: Pick<HqContext, 'store' | 'audit'>,
  now: () => number,
): void {
  const configured = Number(process.env['SANDOGH_INCIDENT_SWEEP_MS'] ?? DEFAULT_SWEEP_MS);
  const interval = Number.isFinite(configured) && configured >= 0 ? configured : DEFAULT_SWEEP_MS;
  if (interval === 0) return;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  app.addHook('onReady', () => {
    timer = setInterval(() => {
      if (running !== undefined) return;
      running = sweepIncidents(ctx, now())
        .then((outcome) => {
          if (outcome.escalated + outcome.lateStops > 0) app.log.warn(outcome, 'incident sweep');
        })
        .catch((error: unknown) => {
          app.log.error({ err: error }, 'incident sweep failed');
        })
        .finally(() => {
          running = undefined;
        });
    }, interval);
    timer.unref();
    return Promise.resolve();
  });
  app.addHook('onClose', async () => {
    if (timer !== undefined) clearInterval(timer);
    await running;
  });
}
