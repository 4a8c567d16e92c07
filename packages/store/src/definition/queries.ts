import type { BilingualName, DeviceKind, StaffRole } from '@sandogh/core';
import type { Selectable } from 'kysely';
import type { BranchKind, BranchTable, DeviceStatus } from '../database.js';
import type { Store } from '../store.js';

/**
 * The reads the HQ needs over the normalised definition (branch lists for the dashboard and
 * zone views, one branch with its stops, devices and people, geography with counts, the
 * ballot's candidates). Plain selects, joins, GROUP BY and LIMIT/OFFSET only: portable to
 * every engine of DESIGN §6.
 */

export interface BranchSummary {
  readonly id: string;
  readonly name: BilingualName;
  readonly countyId: string;
  readonly zoneId: string;
  readonly zoneHqId: string;
  readonly kind: BranchKind;
  readonly address: string;
  readonly expectedVoters: number;
}

/** Absent and `undefined` both mean "no filter" (query strings parse to either). */
export interface BranchFilter {
  readonly zoneId?: string | undefined;
  readonly zoneHqId?: string | undefined;
  readonly countyId?: string | undefined;
  readonly kind?: BranchKind | undefined;
  /** 1..1000, default 100. */
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Matching rows across all pages. */
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export const MAX_PAGE = 1_000;

function branchSummary(row: Selectable<BranchTable>): BranchSummary {
  return {
    id: row.id,
    name: { fa: row.name_fa, en: row.name_en },
    countyId: row.county_id,
    zoneId: row.zone_id,
    zoneHqId: row.zone_hq_id,
    kind: row.kind,
    address: row.address,
    expectedVoters: row.expected_voters,
  };
}

/** Branches in the definition's order, filtered and paged. */
export async function listBranches(
  store: Store,
  electionId: string,
  filter: BranchFilter = {},
): Promise<Page<BranchSummary>> {
  const limit = Math.min(MAX_PAGE, Math.max(1, Math.trunc(filter.limit ?? 100)));
  const offset = Math.max(0, Math.trunc(filter.offset ?? 0));
  let base = store.db.selectFrom('branches').where('election_id', '=', electionId);
  if (filter.zoneId !== undefined) base = base.where('zone_id', '=', filter.zoneId);
  if (filter.zoneHqId !== undefined) base = base.where('zone_hq_id', '=', filter.zoneHqId);
  if (filter.countyId !== undefined) base = base.where('county_id', '=', filter.countyId);
  if (filter.kind !== undefined) base = base.where('kind', '=', filter.kind);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('position').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(branchSummary), total: count.n, limit, offset };
}

export interface BranchDevice {
  readonly serial: string;
  readonly kind: DeviceKind;
  readonly publicKey: string;
  readonly zoneHqId: string;
  readonly status: DeviceStatus;
}

export interface BranchPerson {
  readonly id: string;
  readonly name: BilingualName;
  readonly role: StaffRole;
  readonly trusteeRole: 'chair' | 'secretary' | null;
  readonly deviceOperator: boolean;
}

export interface BranchStop {
  readonly id: string;
  readonly place: BilingualName;
  readonly kind: string;
  readonly arrive: string;
  readonly depart: string;
}

export interface BranchDetail extends BranchSummary {
  readonly itinerary: readonly BranchStop[];
  readonly devices: readonly BranchDevice[];
  /** Everyone whose scope names this branch (trustees, inspectors, observers), in order. */
  readonly staff: readonly BranchPerson[];
}

/** One branch with its itinerary, devices and people; undefined when there is no such branch. */
export async function getBranch(
  store: Store,
  electionId: string,
  branchId: string,
): Promise<BranchDetail | undefined> {
  const db = store.db;
  const [branch, stops, devices, staff] = await Promise.all([
    db
      .selectFrom('branches')
      .selectAll()
      .where('election_id', '=', electionId)
      .where('id', '=', branchId)
      .executeTakeFirst(),
    db
      .selectFrom('itinerary_stops')
      .select(['id', 'place_fa', 'place_en', 'kind', 'arrive', 'depart'])
      .where('election_id', '=', electionId)
      .where('branch_id', '=', branchId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('devices')
      .select(['serial', 'kind', 'public_key', 'zone_hq_id', 'status'])
      .where('election_id', '=', electionId)
      .where('branch_id', '=', branchId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('staff_branches as sb')
      .innerJoin('staff as s', (join) =>
        join.onRef('s.election_id', '=', 'sb.election_id').onRef('s.id', '=', 'sb.staff_id'),
      )
      .select(['s.id', 's.name_fa', 's.name_en', 's.role', 's.trustee_role', 's.device_operator'])
      .where('sb.election_id', '=', electionId)
      .where('sb.branch_id', '=', branchId)
      .orderBy('s.position')
      .execute(),
  ]);
  if (branch === undefined) return undefined;
  return {
    ...branchSummary(branch),
    itinerary: stops.map((s) => ({
      id: s.id,
      place: { fa: s.place_fa, en: s.place_en },
      kind: s.kind,
      arrive: s.arrive,
      depart: s.depart,
    })),
    devices: devices.map((d) => ({
      serial: d.serial,
      kind: d.kind,
      publicKey: d.public_key,
      zoneHqId: d.zone_hq_id,
      status: d.status,
    })),
    staff: staff.map((p) => ({
      id: p.id,
      name: { fa: p.name_fa, en: p.name_en },
      role: p.role,
      trusteeRole: p.trustee_role,
      deviceOperator: p.device_operator === 1,
    })),
  };
}

export interface AreaSummary {
  readonly id: string;
  readonly name: BilingualName;
  readonly countyId: string;
  readonly branchCount: number;
  readonly mobileBranchCount: number;
  readonly expectedVoters: number;
}

/** Governor's-representative zones in order, each with its branch counts. */
export function listZones(store: Store, electionId: string): Promise<AreaSummary[]> {
  return listAreas(store, electionId, 'zones');
}

/** Zone HQs in order, each with its branch counts. */
export function listZoneHqs(store: Store, electionId: string): Promise<AreaSummary[]> {
  return listAreas(store, electionId, 'zone_hqs');
}

async function listAreas(
  store: Store,
  electionId: string,
  table: 'zones' | 'zone_hqs',
): Promise<AreaSummary[]> {
  // The two tables have the same columns; Kysely types one of them and the SQL is the same.
  const areas = `${table} as a` as 'zones as a';
  const branchColumn = table === 'zones' ? 'b.zone_id' : 'b.zone_hq_id';
  const rows = await store.db
    .selectFrom(areas)
    .leftJoin('branches as b', (join) =>
      join.onRef('b.election_id', '=', 'a.election_id').onRef(branchColumn, '=', 'a.id'),
    )
    .select((eb) => [
      'a.id',
      'a.name_fa',
      'a.name_en',
      'a.county_id',
      eb.fn.count<number>('b.id').as('branch_count'),
      eb.fn.count<number>(eb.case().when('b.kind', '=', 'mobile').then(1).end()).as('mobile_count'),
      // sum() over integers is bigint in PostgreSQL and numeric in distributed engines; the cast
      // gives one type everywhere.
      eb
        .cast<number>(eb.fn.coalesce(eb.fn.sum<number>('b.expected_voters'), eb.lit(0)), 'bigint')
        .as('expected_voters'),
    ])
    .where('a.election_id', '=', electionId)
    .groupBy(['a.election_id', 'a.id', 'a.name_fa', 'a.name_en', 'a.county_id', 'a.position'])
    .orderBy('a.position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: { fa: r.name_fa, en: r.name_en },
    countyId: r.county_id,
    branchCount: r.branch_count,
    mobileBranchCount: r.mobile_count,
    expectedVoters: r.expected_voters,
  }));
}

export interface BallotCandidate {
  readonly code: string;
  readonly name: BilingualName;
  readonly photo: string;
}

/** The candidates in the definition's order: the order of the ballot screen. */
export async function listCandidates(store: Store, electionId: string): Promise<BallotCandidate[]> {
  const rows = await store.db
    .selectFrom('candidates')
    .select(['code', 'name_fa', 'name_en', 'photo'])
    .where('election_id', '=', electionId)
    .orderBy('position')
    .execute();
  return rows.map((c) => ({
    code: c.code,
    name: { fa: c.name_fa, en: c.name_en },
    photo: c.photo,
  }));
}
