import type { DeviceKind, StaffRole } from '@sandogh/core';

/**
 * The one interface describing the database (STYLE: the Kysely habit). Every table the
 * migrations create is here, column by column, in the types both engines return.
 *
 * Portable column types (DESIGN §6: one schema, SQLite, PostgreSQL and later a
 * PostgreSQL-compatible distributed SQL engine):
 * - text: `text`, never `varchar(n)` (SQLite ignores the length; limits live in the zod
 *   schema of @sandogh/core, checked before anything is stored);
 * - whole numbers: `integer`, read back as `number` (PostgreSQL `int8` results such as
 *   `count(*)` are parsed to `number` by the pool, see engines.ts);
 * - booleans: `integer` 0/1 with a CHECK (SQLite has no boolean type);
 * - instants: `text`, UTC ISO 8601 with milliseconds and `Z` (DESIGN §9), which sorts
 *   chronologically as text;
 * - JSON: `text`, byte for byte (never `jsonb`, which reorders keys and would break the hash).
 * Every table carries `election_id` and is keyed by the definition's own identifiers (branch
 * codes, serials): no sequences, so no order leaks through identifiers (DESIGN §9).
 */
export interface Database {
  election: ElectionTable;
  counties: CountyTable;
  zone_hqs: ZoneHqTable;
  zones: ZoneTable;
  branches: BranchTable;
  itinerary_stops: ItineraryStopTable;
  candidates: CandidateTable;
  devices: DeviceTable;
  staff: StaffTable;
  staff_branches: StaffBranchTable;
}

/** 0 or 1: the portable boolean. */
export type Flag = 0 | 1;

export interface ElectionTable {
  id: string;
  /** SHA-256 (hex) of `document`: the election hash. */
  hash: string;
  format_version: number;
  /** The definition as RFC 8785 canonical JSON, exactly as hashed. */
  document: string;
  title_fa: string;
  title_en: string;
  round: number;
  voting_day: string;
  loaded_at: string;
}

export interface CountyTable {
  election_id: string;
  id: string;
  name_fa: string;
  name_en: string;
  position: number;
}

export interface ZoneHqTable {
  election_id: string;
  id: string;
  name_fa: string;
  name_en: string;
  county_id: string;
  position: number;
}

export interface ZoneTable {
  election_id: string;
  id: string;
  name_fa: string;
  name_en: string;
  county_id: string;
  position: number;
}

export type BranchKind = 'fixed' | 'mobile';

export interface BranchTable {
  election_id: string;
  id: string;
  name_fa: string;
  name_en: string;
  county_id: string;
  zone_id: string;
  zone_hq_id: string;
  kind: BranchKind;
  address: string;
  expected_voters: number;
  /** Index in the definition's `branches`: the order people expect to see. */
  position: number;
}

export interface ItineraryStopTable {
  election_id: string;
  branch_id: string;
  id: string;
  position: number;
  place_fa: string;
  place_en: string;
  kind: string;
  /** Civil time `HH:MM` in the election's time zone. */
  arrive: string;
  depart: string;
}

export interface CandidateTable {
  election_id: string;
  code: string;
  name_fa: string;
  name_en: string;
  photo: string;
  position: number;
}

/**
 * A device's life in the store; the definition registers every device as `registered`, and
 * the device areas of the HQ move it on (provisioning, incidents, retirement).
 */
export type DeviceStatus = 'registered' | 'active' | 'faulty' | 'retired';

export interface DeviceTable {
  election_id: string;
  serial: string;
  kind: DeviceKind;
  public_key: string;
  branch_id: string | null;
  zone_hq_id: string;
  status: DeviceStatus;
  position: number;
}

export type StaffScopeKind = 'constituency' | 'zoneHq' | 'zone' | 'branches';

export interface StaffTable {
  election_id: string;
  id: string;
  name_fa: string;
  name_en: string;
  role: StaffRole;
  scope_kind: StaffScopeKind;
  /** Set only when `scope_kind` is `zoneHq`. */
  scope_zone_hq_id: string | null;
  /** Set only when `scope_kind` is `zone`. */
  scope_zone_id: string | null;
  trustee_role: 'chair' | 'secretary' | null;
  device_operator: Flag;
  position: number;
}

/** The branches of a staff member whose scope is `branches`, in the definition's order. */
export interface StaffBranchTable {
  election_id: string;
  staff_id: string;
  branch_id: string;
  position: number;
}
