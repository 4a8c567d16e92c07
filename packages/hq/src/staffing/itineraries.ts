import { itineraryStatus, type PlannedStop, type StopView } from '@sandogh/core';
import { readDefinition, stopRecords, type ElectionSummary, type Store } from '@sandogh/store';

/** The election's time zone, read from the stored definition once per election hash. */
const zones = new Map<string, string>();

export async function electionTimeZone(store: Store, election: ElectionSummary): Promise<string> {
  const known = zones.get(election.hash);
  if (known !== undefined) return known;
  const stored = await readDefinition(store);
  const zone = stored.ok ? stored.value.definition.election.timeZone : 'Asia/Tehran';
  zones.set(election.hash, zone);
  return zone;
}

export interface MobileBranch {
  readonly id: string;
  readonly zoneId: string;
  readonly zoneHqId: string;
  readonly kind: 'fixed' | 'mobile';
  readonly stops: readonly PlannedStop[];
}

/** A branch with its planned stops (none for a fixed branch); undefined when there is none. */
export async function branchWithStops(
  store: Store,
  electionId: string,
  branchId: string,
): Promise<MobileBranch | undefined> {
  const branch = await store.db
    .selectFrom('branches')
    .select(['id', 'zone_id', 'zone_hq_id', 'kind'])
    .where('election_id', '=', electionId)
    .where('id', '=', branchId)
    .executeTakeFirst();
  if (branch === undefined) return undefined;
  const stops = await store.db
    .selectFrom('itinerary_stops')
    .select(['id', 'arrive', 'depart'])
    .where('election_id', '=', electionId)
    .where('branch_id', '=', branchId)
    .orderBy('position')
    .execute();
  return {
    id: branch.id,
    zoneId: branch.zone_id,
    zoneHqId: branch.zone_hq_id,
    kind: branch.kind,
    stops,
  };
}

/** Every mobile branch with its stops, in the definition's order. */
export async function mobileBranches(store: Store, electionId: string): Promise<MobileBranch[]> {
  const rows = await store.db
    .selectFrom('itinerary_stops as s')
    .innerJoin('branches as b', (j) =>
      j.onRef('b.election_id', '=', 's.election_id').onRef('b.id', '=', 's.branch_id'),
    )
    .select(['b.id as branchId', 'b.zone_id', 'b.zone_hq_id', 's.id', 's.arrive', 's.depart'])
    .where('s.election_id', '=', electionId)
    .where('b.kind', '=', 'mobile')
    .orderBy('b.position')
    .orderBy('s.position')
    .execute();
  const out = new Map<
    string,
    { id: string; zoneId: string; zoneHqId: string; kind: 'mobile'; stops: PlannedStop[] }
  >();
  for (const r of rows) {
    let b = out.get(r.branchId);
    if (b === undefined) {
      b = { id: r.branchId, zoneId: r.zone_id, zoneHqId: r.zone_hq_id, kind: 'mobile', stops: [] };
      out.set(r.branchId, b);
    }
    b.stops.push({ id: r.id, arrive: r.arrive, depart: r.depart });
  }
  return [...out.values()];
}

/** Each stop's status at `now` from what was recorded. */
export async function stopViews(
  store: Store,
  election: ElectionSummary,
  branch: MobileBranch,
  now: number,
): Promise<StopView[]> {
  const records = await stopRecords(store.db, election.id, branch.id);
  return itineraryStatus(
    branch.stops,
    records.map((r) => ({
      stopId: r.stop_id,
      arrivedAt: r.arrived_at === null ? null : Date.parse(r.arrived_at),
      departedAt: r.departed_at === null ? null : Date.parse(r.departed_at),
    })),
    election.votingDay,
    await electionTimeZone(store, election),
    now,
  );
}
