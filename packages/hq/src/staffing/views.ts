import {
  branchSpeeds,
  branchStaffing,
  currentItineraryStop,
  zoneSpeeds,
  type AssignedPerson,
  type BranchVisits,
  type StopView,
} from '@sandogh/core';
import {
  attendanceMap,
  attendanceOf,
  latestQueues,
  stopRecords,
  visitsByBranch,
  type ElectionSummary,
  type Store,
} from '@sandogh/store';
import { mobileBranches, stopViews, type MobileBranch } from './itineraries.js';

/**
 * The branch floor's read views (issue 8, docs/OPERATIONS.md §8.3–8.5), computed on the store
 * alone: the HQ routes answer with them and `sandogh staffing|mobile|speed` print them, so the
 * two can never tell an operator different things about the same data.
 */

export interface Assigned extends AssignedPerson {
  readonly branchId: string;
  readonly name: { readonly fa: string; readonly en: string };
}

/** Everyone assigned by name to the branches (scope `branches`), in the definition's order. */
export async function assignedTo(
  store: Store,
  electionId: string,
  where: { branchId: string } | { zoneHqId: string },
): Promise<Assigned[]> {
  let q = store.db
    .selectFrom('staff_branches as sb')
    .innerJoin('staff as s', (j) =>
      j.onRef('s.election_id', '=', 'sb.election_id').onRef('s.id', '=', 'sb.staff_id'),
    )
    .innerJoin('branches as b', (j) =>
      j.onRef('b.election_id', '=', 'sb.election_id').onRef('b.id', '=', 'sb.branch_id'),
    )
    .select([
      'sb.branch_id',
      's.id',
      's.name_fa',
      's.name_en',
      's.role',
      's.trustee_role',
      's.device_operator',
    ])
    .where('sb.election_id', '=', electionId);
  q =
    'branchId' in where
      ? q.where('sb.branch_id', '=', where.branchId)
      : q.where('b.zone_hq_id', '=', where.zoneHqId);
  const rows = await q.orderBy('b.position').orderBy('s.position').execute();
  return rows.map((r) => ({
    branchId: r.branch_id,
    id: r.id,
    name: { fa: r.name_fa, en: r.name_en },
    role: r.role,
    trusteeRole: r.trustee_role,
    deviceOperator: r.device_operator === 1,
  }));
}

export async function branchExists(
  store: Store,
  electionId: string,
  branchId: string,
): Promise<boolean> {
  const row = await store.db
    .selectFrom('branches')
    .select('id')
    .where('election_id', '=', electionId)
    .where('id', '=', branchId)
    .executeTakeFirst();
  return row !== undefined;
}

/** A branch's people and their attendance, and whether it has those it needs to open. */
export async function branchStaffingView(store: Store, electionId: string, branchId: string) {
  const people = await assignedTo(store, electionId, { branchId });
  const rows = await attendanceOf(store.db, electionId, [branchId]);
  const status = attendanceMap(rows);
  return {
    branchId,
    ...branchStaffing(people, status),
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      trusteeRole: p.trusteeRole,
      deviceOperator: p.deviceOperator,
      attendance: status.get(p.id) ?? null,
      at: rows.find((r) => r.staff_id === p.id)?.at ?? null,
    })),
  };
}

export type BranchStaffingView = Awaited<ReturnType<typeof branchStaffingView>>;

/** A zone HQ's branches flagged before opening, in the definition's order. */
export async function zoneStaffingView(store: Store, electionId: string, zoneHqId: string) {
  const branches = await store.db
    .selectFrom('branches')
    .select('id')
    .where('election_id', '=', electionId)
    .where('zone_hq_id', '=', zoneHqId)
    .orderBy('position')
    .execute();
  const people = await assignedTo(store, electionId, { zoneHqId });
  const rows = await attendanceOf(
    store.db,
    electionId,
    branches.map((b) => b.id),
  );
  const views = branches.map((b) => {
    // An inspector covers five branches: attendance is per branch, never carried over.
    const s = branchStaffing(
      people.filter((p) => p.branchId === b.id),
      attendanceMap(rows.filter((r) => r.branch_id === b.id)),
    );
    return { branchId: b.id, ready: s.ready, gaps: s.gaps, unknown: s.unknown.length };
  });
  return {
    zoneHqId,
    branches: views.length,
    ready: views.filter((v) => v.ready).length,
    flagged: views.filter((v) => !v.ready),
  };
}

export type ZoneStaffingView = Awaited<ReturnType<typeof zoneStaffingView>>;

function stopView(v: StopView, voters: number | null) {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    stopId: v.stopId,
    status: v.status,
    plannedArrival: iso(v.plannedArrival),
    plannedDeparture: iso(v.plannedDeparture),
    arrivedAt: iso(v.arrivedAt),
    departedAt: iso(v.departedAt),
    lateMinutes: v.lateMinutes,
    voters,
  };
}

/** A mobile branch's itinerary at `now`: current stop, late stops, each stop's voters. */
export async function itineraryView(
  store: Store,
  election: ElectionSummary,
  branch: MobileBranch,
  now: number,
) {
  const views = await stopViews(store, election, branch, now);
  const voters = new Map(
    (await stopRecords(store.db, election.id, branch.id)).map((r) => [r.stop_id, r.voters]),
  );
  const current = currentItineraryStop(views);
  return {
    branchId: branch.id,
    zoneHqId: branch.zoneHqId,
    currentStop: current === null ? null : current.stopId,
    late: views.filter((v) => v.status === 'late').map((v) => v.stopId),
    stops: views.map((v) => stopView(v, voters.get(v.stopId) ?? null)),
  };
}

export type ItineraryView = Awaited<ReturnType<typeof itineraryView>>;

/** A zone HQ's mobile branches at `now`, in the definition's order. */
export async function zoneMobileView(
  store: Store,
  election: ElectionSummary,
  zoneHqId: string,
  now: number,
): Promise<{ zoneHqId: string; branches: ItineraryView[] }> {
  const branches = (await mobileBranches(store, election.id)).filter(
    (b) => b.zoneHqId === zoneHqId,
  );
  const list: ItineraryView[] = [];
  for (const b of branches) list.push(await itineraryView(store, election, b, now));
  return { zoneHqId, branches: list };
}

/** Every branch's passes and latest queue, optionally of one zone HQ. */
async function branchVisits(
  store: Store,
  electionId: string,
  zoneHqId?: string,
): Promise<BranchVisits[]> {
  let q = store.db
    .selectFrom('branches')
    .select(['id', 'zone_hq_id'])
    .where('election_id', '=', electionId);
  if (zoneHqId !== undefined) q = q.where('zone_hq_id', '=', zoneHqId);
  const branches = await q.orderBy('position').execute();
  const visits = await visitsByBranch(
    store.db,
    electionId,
    zoneHqId === undefined ? undefined : branches.map((b) => b.id),
  );
  const queues = await latestQueues(store.db, electionId);
  return branches.map((b) => ({
    branchId: b.id,
    zoneHqId: b.zone_hq_id,
    visits: visits.get(b.id) ?? [],
    queue: queues.get(b.id) ?? null,
  }));
}

const isoQueue = (q: { length: number; at: number } | null) =>
  q === null ? null : { length: q.length, at: new Date(q.at).toISOString() };

/** Time per voter in a zone HQ's branches, slowest first, with the branches over target. */
export async function zoneSpeedView(
  store: Store,
  electionId: string,
  zoneHqId: string,
  targetSeconds: number,
) {
  const list = await branchVisits(store, electionId, zoneHqId);
  const [zone] = zoneSpeeds(list, targetSeconds);
  return {
    zoneHqId,
    targetSeconds,
    voters: zone?.voters ?? null,
    steps: zone?.steps ?? null,
    alerts: zone?.overTarget ?? [],
    branches: branchSpeeds(list, targetSeconds).map((b) => ({ ...b, queue: isoQueue(b.queue) })),
  };
}

export type ZoneSpeedView = Awaited<ReturnType<typeof zoneSpeedView>>;

/** Time per voter in every zone HQ, with the twenty slowest branches. */
export async function speedView(store: Store, electionId: string, targetSeconds: number) {
  const list = await branchVisits(store, electionId);
  return {
    targetSeconds,
    zones: zoneSpeeds(list, targetSeconds),
    slowest: branchSpeeds(list, targetSeconds)
      .slice(0, 20)
      .map((b) => ({ ...b, queue: isoQueue(b.queue) })),
  };
}

export type SpeedView = Awaited<ReturnType<typeof speedView>>;
