import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { IncidentBreach, IncidentFacts, IncidentState } from '@sandogh/core';
import { constraintViolation } from '../bulk.js';
import type { Database } from '../database.js';
import { operationsDb, type IncidentEventTable, type IncidentTable } from './tables.js';

/**
 * Incidents in the store (issue 8): plain storage with the guarantees the rules need from the
 * database — a step applies only from the state it was decided from (a conditional update, so
 * two responders racing for the same step cannot both win), one incident per device message
 * and per late stop (unique indexes), each breach escalated once. The rules themselves live in
 * @sandogh/core (operations/incidents.ts).
 */

export type IncidentRow = IncidentTable;
export type IncidentEventRow = IncidentEventTable;

export type NewIncident = Omit<
  IncidentTable,
  | 'id'
  | 'state'
  | 'acknowledged_at'
  | 'assigned_at'
  | 'assigned_to'
  | 'on_site_at'
  | 'resolved_at'
  | 'confirmed_at'
  | 'resolution'
  | 'faulty_serial'
  | 'replacement_serial'
  | 'acknowledge_escalated_at'
  | 'resolve_escalated_at'
>;

/**
 * Inserts a reported incident with its first timeline entry; an incident for the same device
 * message or late stop already there is answered instead (`created: false`).
 */
export async function insertIncident(
  trx: Kysely<Database>,
  incident: NewIncident,
): Promise<{ created: boolean; incident: IncidentRow }> {
  const db = operationsDb(trx);
  const row: IncidentRow = {
    ...incident,
    id: randomUUID(),
    state: 'reported',
    acknowledged_at: null,
    assigned_at: null,
    assigned_to: null,
    on_site_at: null,
    resolved_at: null,
    confirmed_at: null,
    resolution: null,
    faulty_serial: null,
    replacement_serial: null,
    acknowledge_escalated_at: null,
    resolve_escalated_at: null,
  };
  const existing = await findDuplicate(trx, incident);
  if (existing !== undefined) return { created: false, incident: existing };
  await db.insertInto('incidents').values(row).execute();
  await db
    .insertInto('incident_events')
    .values({
      election_id: row.election_id,
      incident_id: row.id,
      position: 0,
      step: 'reported',
      at: row.reported_at,
      actor: row.reported_by,
      note: null,
    })
    .execute();
  return { created: true, incident: row };
}

async function findDuplicate(
  trx: Kysely<Database>,
  incident: NewIncident,
): Promise<IncidentRow | undefined> {
  if (incident.device_message_id === null && incident.stop_id === null) return undefined;
  let q = operationsDb(trx)
    .selectFrom('incidents')
    .selectAll()
    .where('election_id', '=', incident.election_id);
  q =
    incident.device_message_id !== null
      ? q.where('device_message_id', '=', incident.device_message_id)
      : q.where('branch_id', '=', incident.branch_id).where('stop_id', '=', incident.stop_id);
  return q.executeTakeFirst();
}

/** True when a unique index refused a second incident for the same message or stop. */
export function isDuplicateIncident(error: unknown): boolean {
  return constraintViolation(error)?.kind === 'unique';
}

export async function getIncident(
  db: Kysely<Database>,
  electionId: string,
  id: string,
): Promise<IncidentRow | undefined> {
  return operationsDb(db)
    .selectFrom('incidents')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function incidentTimeline(
  db: Kysely<Database>,
  electionId: string,
  id: string,
): Promise<IncidentEventRow[]> {
  return operationsDb(db)
    .selectFrom('incident_events')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('incident_id', '=', id)
    .orderBy('position')
    .execute();
}

export type IncidentPatch = Partial<
  Pick<
    IncidentTable,
    | 'acknowledged_at'
    | 'assigned_at'
    | 'assigned_to'
    | 'on_site_at'
    | 'resolved_at'
    | 'confirmed_at'
    | 'resolution'
    | 'faulty_serial'
    | 'replacement_serial'
  >
>;

/**
 * Moves an incident from `from` to `to` and appends the step to its timeline, only if it is
 * still in `from`; false when someone else moved it first.
 */
export async function applyIncidentStep(
  trx: Kysely<Database>,
  current: IncidentRow,
  from: IncidentState,
  to: IncidentState,
  patch: IncidentPatch,
  event: { step: string; at: string; actor: string; note: string | null },
): Promise<boolean> {
  const db = operationsDb(trx);
  const updated = await db
    .updateTable('incidents')
    .set({ ...patch, state: to })
    .where('election_id', '=', current.election_id)
    .where('id', '=', current.id)
    .where('state', '=', from)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) return false;
  const last = await db
    .selectFrom('incident_events')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('election_id', '=', current.election_id)
    .where('incident_id', '=', current.id)
    .executeTakeFirst();
  await db
    .insertInto('incident_events')
    .values({
      election_id: current.election_id,
      incident_id: current.id,
      position: (last?.position ?? -1) + 1,
      ...event,
    })
    .execute();
  return true;
}

export interface IncidentFilter {
  readonly zoneHqId?: string | undefined;
  readonly branchId?: string | undefined;
  readonly openOnly?: boolean | undefined;
  readonly limit?: number | undefined;
}

/** Incidents newest first. */
export async function listIncidents(
  db: Kysely<Database>,
  electionId: string,
  filter: IncidentFilter = {},
): Promise<IncidentRow[]> {
  let q = operationsDb(db)
    .selectFrom('incidents')
    .selectAll()
    .where('election_id', '=', electionId);
  if (filter.zoneHqId !== undefined) q = q.where('zone_hq_id', '=', filter.zoneHqId);
  if (filter.branchId !== undefined) q = q.where('branch_id', '=', filter.branchId);
  if (filter.openOnly === true) q = q.where('state', 'not in', ['resolved', 'confirmed']);
  return q
    .orderBy('reported_at', 'desc')
    .orderBy('id')
    .limit(filter.limit ?? 1_000)
    .execute();
}

/** Incidents with a breach not yet escalated: what the escalation sweep looks at. */
export async function incidentsAwaitingEscalation(
  db: Kysely<Database>,
  electionId: string,
): Promise<IncidentRow[]> {
  return operationsDb(db)
    .selectFrom('incidents')
    .selectAll()
    .where('election_id', '=', electionId)
    .where((eb) =>
      eb.or([eb('acknowledge_escalated_at', 'is', null), eb('resolve_escalated_at', 'is', null)]),
    )
    .execute();
}

/** Marks a breach escalated, once: false when it already was. */
export async function markEscalated(
  trx: Kysely<Database>,
  electionId: string,
  id: string,
  breach: IncidentBreach,
  at: string,
): Promise<boolean> {
  const column =
    breach === 'acknowledge' ? 'acknowledge_escalated_at' : ('resolve_escalated_at' as const);
  const updated = await operationsDb(trx)
    .updateTable('incidents')
    .set({ [column]: at })
    .where('election_id', '=', electionId)
    .where('id', '=', id)
    .where(column, 'is', null)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

const ms = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/** A row as core's rules read it. */
export function incidentFacts(row: IncidentRow): IncidentFacts {
  return {
    branchId: row.branch_id,
    zoneHqId: row.zone_hq_id,
    severity: row.severity,
    state: row.state,
    reportedAt: Date.parse(row.reported_at),
    acknowledgedAt: ms(row.acknowledged_at),
    resolvedAt: ms(row.resolved_at),
    acknowledgeEscalatedAt: ms(row.acknowledge_escalated_at),
    resolveEscalatedAt: ms(row.resolve_escalated_at),
  };
}
