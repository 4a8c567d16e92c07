import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  incidentKind,
  incidentSeverity,
  problem,
  ProblemError,
  routeIncident,
  type IncidentKind,
  type IncidentSeverity,
} from '@sandogh/core';
import {
  insertIncident,
  isDuplicateIncident,
  type IncidentRow,
  type IncidentSource,
  type Store,
} from '@sandogh/store';
import type { HqContext } from '../context.js';
import { incidentEntry } from './view.js';

export const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

/** What a person or a device says when reporting an incident. */
export const incidentReport = z.strictObject({
  kind: incidentKind,
  severity: incidentSeverity,
  description: z.string().trim().min(1).max(2_000),
});

export interface Reporter {
  readonly source: IncidentSource;
  readonly by: string;
  readonly deviceMessageId?: string;
  readonly stopId?: string;
}

/** The branch's place in the geography; undefined when there is no such branch. */
export async function branchPlace(
  store: Store,
  electionId: string,
  branchId: string,
): Promise<{ zoneId: string; zoneHqId: string } | undefined> {
  const row = await store.db
    .selectFrom('branches')
    .select(['zone_id', 'zone_hq_id'])
    .where('election_id', '=', electionId)
    .where('id', '=', branchId)
    .executeTakeFirst();
  return row === undefined ? undefined : { zoneId: row.zone_id, zoneHqId: row.zone_hq_id };
}

/**
 * Stores a reported incident, routed by its kind, with its audit entry in the same
 * transaction. A second report of the same device message or late stop answers the first
 * (`created: false`), also when two arrive at once (the unique index decides; we read again).
 */
export async function reportIncident(
  ctx: Pick<HqContext, 'store' | 'audit'>,
  electionId: string,
  branchId: string,
  report: { kind: IncidentKind; severity: IncidentSeverity; description: string },
  reporter: Reporter,
  now: number,
  request?: FastifyRequest,
): Promise<{ created: boolean; incident: IncidentRow }> {
  const place = await branchPlace(ctx.store, electionId, branchId);
  if (place === undefined)
    throw new ProblemError(problem('BRANCH_NOT_FOUND', { branch: branchId }));
  const team = routeIncident(report.kind);
  const attempt = () =>
    ctx.store.transaction(async (trx) => {
      const made = await insertIncident(trx, {
        election_id: electionId,
        branch_id: branchId,
        zone_hq_id: place.zoneHqId,
        zone_id: place.zoneId,
        kind: report.kind,
        severity: report.severity,
        team,
        description: report.description,
        source: reporter.source,
        reported_by: reporter.by,
        device_message_id: reporter.deviceMessageId ?? null,
        stop_id: reporter.stopId ?? null,
        reported_at: new Date(now).toISOString(),
      });
      if (made.created)
        await ctx.audit.recordIn(
          trx,
          incidentEntry('incidents.incident.reported', made.incident, {
            team,
            source: reporter.source,
            ...(reporter.stopId === undefined ? {} : { stop: reporter.stopId }),
          }),
          request,
        );
      return made;
    });
  try {
    return await attempt();
  } catch (error) {
    if (!isDuplicateIncident(error)) throw error;
    return attempt();
  }
}
