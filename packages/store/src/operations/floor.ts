import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AttendanceStatus, VisitTiming } from '@sandogh/core';
import type { Database } from '../database.js';
import {
  operationsDb,
  type MobileStopTable,
  type StaffAttendanceTable,
  type VoterVisitTable,
} from './tables.js';

/**
 * What happens on a branch's floor (issue 8): who is present, where a mobile branch is, how
 * long the queue is and how long each voter's pass took. Plain storage; the rules are in
 * @sandogh/core (operations/staffing.ts, mobile.ts, voterTime.ts).
 */

/** Sets a person's attendance at a branch (the latest word counts; the log keeps each). */
export async function recordAttendance(
  trx: Kysely<Database>,
  row: StaffAttendanceTable,
): Promise<void> {
  await operationsDb(trx)
    .insertInto('staff_attendance')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['election_id', 'branch_id', 'staff_id']).doUpdateSet({
        status: row.status,
        at: row.at,
        recorded_by: row.recorded_by,
      }),
    )
    .execute();
}

export async function attendanceOf(
  db: Kysely<Database>,
  electionId: string,
  branchIds: readonly string[],
): Promise<StaffAttendanceTable[]> {
  if (branchIds.length === 0) return [];
  return operationsDb(db)
    .selectFrom('staff_attendance')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('branch_id', 'in', branchIds)
    .execute();
}

export function attendanceMap(
  rows: readonly StaffAttendanceTable[],
): Map<string, AttendanceStatus> {
  return new Map(rows.map((r) => [r.staff_id, r.status]));
}

export async function stopRecords(
  db: Kysely<Database>,
  electionId: string,
  branchId: string,
): Promise<MobileStopTable[]> {
  return operationsDb(db)
    .selectFrom('mobile_stops')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('branch_id', '=', branchId)
    .execute();
}

/** Records an arrival or departure (and the stop's voter count); false if already recorded. */
export async function recordStop(
  trx: Kysely<Database>,
  electionId: string,
  branchId: string,
  stopId: string,
  event: 'arrive' | 'depart',
  at: string,
  voters: number | null,
): Promise<boolean> {
  const db = operationsDb(trx);
  if (event === 'arrive') {
    const inserted = await db
      .insertInto('mobile_stops')
      .values({
        election_id: electionId,
        branch_id: branchId,
        stop_id: stopId,
        arrived_at: at,
        departed_at: null,
        voters: null,
      })
      .onConflict((oc) => oc.columns(['election_id', 'branch_id', 'stop_id']).doNothing())
      .executeTakeFirst();
    return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }
  const updated = await db
    .updateTable('mobile_stops')
    .set({ departed_at: at, voters })
    .where('election_id', '=', electionId)
    .where('branch_id', '=', branchId)
    .where('stop_id', '=', stopId)
    .where('departed_at', 'is', null)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

export async function recordQueue(
  trx: Kysely<Database>,
  electionId: string,
  branchId: string,
  length: number,
  at: string,
): Promise<void> {
  await operationsDb(trx)
    .insertInto('queue_reports')
    .values({
      election_id: electionId,
      id: randomUUID(),
      branch_id: branchId,
      length,
      reported_at: at,
    })
    .execute();
}

/** Each branch's latest queue report. */
export async function latestQueues(
  db: Kysely<Database>,
  electionId: string,
): Promise<Map<string, { length: number; at: number }>> {
  const rows = await operationsDb(db)
    .selectFrom('queue_reports')
    .select(['branch_id', 'length', 'reported_at'])
    .where('election_id', '=', electionId)
    .orderBy('reported_at')
    .execute();
  const out = new Map<string, { length: number; at: number }>();
  for (const r of rows) out.set(r.branch_id, { length: r.length, at: Date.parse(r.reported_at) });
  return out;
}

/**
 * Stores one batch of voter passes, once per batch id: false when the batch was applied
 * before (a retry). Passes are stored in the order given — the caller shuffles them — with the
 * hour of receipt only (law 2).
 */
export async function recordVisits(
  trx: Kysely<Database>,
  electionId: string,
  branchId: string,
  batchId: string,
  visits: readonly VisitTiming[],
  at: string,
): Promise<boolean> {
  const db = operationsDb(trx);
  const seen = await db
    .selectFrom('voter_time_batches')
    .select('id')
    .where('election_id', '=', electionId)
    .where('id', '=', batchId)
    .executeTakeFirst();
  if (seen !== undefined) return false;
  await db
    .insertInto('voter_time_batches')
    .values({ election_id: electionId, id: batchId, branch_id: branchId, received_at: at })
    .execute();
  const hour = at.slice(0, 13);
  const rows: VoterVisitTable[] = visits.map((v) => ({
    election_id: electionId,
    branch_id: branchId,
    hour,
    identity_ms: v.identity,
    wait_ms: v['wait-device'],
    casting_ms: v.casting,
    printing_ms: v.printing,
  }));
  for (let i = 0; i < rows.length; i += 1_000)
    await db
      .insertInto('voter_visits')
      .values(rows.slice(i, i + 1_000))
      .execute();
  return true;
}

export async function visitsByBranch(
  db: Kysely<Database>,
  electionId: string,
  zoneHqBranches?: readonly string[],
): Promise<Map<string, VisitTiming[]>> {
  let q = operationsDb(db)
    .selectFrom('voter_visits')
    .select(['branch_id', 'identity_ms', 'wait_ms', 'casting_ms', 'printing_ms'])
    .where('election_id', '=', electionId);
  if (zoneHqBranches !== undefined) {
    if (zoneHqBranches.length === 0) return new Map();
    q = q.where('branch_id', 'in', zoneHqBranches);
  }
  const out = new Map<string, VisitTiming[]>();
  for (const r of await q.execute()) {
    const list = out.get(r.branch_id) ?? [];
    list.push({
      identity: r.identity_ms,
      'wait-device': r.wait_ms,
      casting: r.casting_ms,
      printing: r.printing_ms,
    });
    out.set(r.branch_id, list);
  }
  return out;
}
