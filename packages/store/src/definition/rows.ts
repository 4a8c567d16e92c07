import type { ElectionDefinition, StaffAssignment } from '@sandogh/core';
import type { Insertable } from 'kysely';
import type { Database, StaffTable } from '../database.js';

/**
 * The definition flattened into the rows of each normalised table, in the order they must be
 * inserted for the foreign keys to hold. Pure: no I/O, so the bench can time it apart from
 * the inserts and the reference can insert exactly the same rows.
 */
export type DefinitionRows = {
  readonly [T in Exclude<keyof Database, 'election'>]: readonly Insertable<Database[T]>[];
};

/** Insertion order: parents before children. */
export const ROW_TABLES = [
  'counties',
  'zone_hqs',
  'zones',
  'branches',
  'itinerary_stops',
  'candidates',
  'devices',
  'staff',
  'staff_branches',
] as const satisfies readonly (keyof DefinitionRows)[];

function scopeColumns(
  scope: StaffAssignment['scope'],
): Pick<StaffTable, 'scope_kind' | 'scope_zone_hq_id' | 'scope_zone_id'> {
  return {
    scope_kind: scope.kind,
    scope_zone_hq_id: scope.kind === 'zoneHq' ? scope.zoneHqId : null,
    scope_zone_id: scope.kind === 'zone' ? scope.zoneId : null,
  };
}

export function definitionRows(definition: ElectionDefinition): DefinitionRows {
  const e = definition.election.id;
  return {
    counties: definition.constituency.counties.map((c, position) => ({
      election_id: e,
      id: c.id,
      name_fa: c.name.fa,
      name_en: c.name.en,
      position,
    })),
    zone_hqs: definition.zoneHqs.map((z, position) => ({
      election_id: e,
      id: z.id,
      name_fa: z.name.fa,
      name_en: z.name.en,
      county_id: z.countyId,
      position,
    })),
    zones: definition.zones.map((z, position) => ({
      election_id: e,
      id: z.id,
      name_fa: z.name.fa,
      name_en: z.name.en,
      county_id: z.countyId,
      position,
    })),
    branches: definition.branches.map((b, position) => ({
      election_id: e,
      id: b.id,
      name_fa: b.name.fa,
      name_en: b.name.en,
      county_id: b.countyId,
      zone_id: b.zoneId,
      zone_hq_id: b.zoneHqId,
      kind: b.kind,
      address: b.address,
      expected_voters: b.expectedVoters,
      position,
    })),
    itinerary_stops: definition.branches.flatMap((b) =>
      b.itinerary.map((s, position) => ({
        election_id: e,
        branch_id: b.id,
        id: s.id,
        position,
        place_fa: s.place.fa,
        place_en: s.place.en,
        kind: s.kind,
        arrive: s.arrive,
        depart: s.depart,
      })),
    ),
    candidates: definition.candidates.map((c, position) => ({
      election_id: e,
      code: c.code,
      name_fa: c.name.fa,
      name_en: c.name.en,
      photo: c.photo,
      position,
    })),
    devices: definition.devices.map((d, position) => ({
      election_id: e,
      serial: d.serial,
      kind: d.kind,
      public_key: d.publicKey,
      branch_id: d.branchId,
      zone_hq_id: d.zoneHqId,
      status: 'registered',
      position,
    })),
    staff: definition.staff.map((p, position) => ({
      election_id: e,
      id: p.id,
      name_fa: p.name.fa,
      name_en: p.name.en,
      role: p.role,
      ...scopeColumns(p.scope),
      trustee_role: p.trusteeRole ?? null,
      device_operator: p.deviceOperator === true ? 1 : 0,
      position,
    })),
    staff_branches: definition.staff.flatMap((p) =>
      p.scope.kind === 'branches'
        ? p.scope.branchIds.map((branchId, position) => ({
            election_id: e,
            staff_id: p.id,
            branch_id: branchId,
            position,
          }))
        : [],
    ),
  };
}
