import type { Kysely } from 'kysely';
import type {
  AttendanceStatus,
  DiscrepancyKind,
  IncidentKind,
  IncidentSeverity,
  IncidentState,
  IncidentTeam,
  ShipmentState,
  SupplyDay,
  SupplyItem,
  SupplyPhase,
} from '@sandogh/core';
import type { Database } from '../database.js';

/**
 * The tables of migration 0008 (issue 8), column by column (types as in database.ts), joined
 * to `Database` with `withTables` like the ceremony's.
 */
// A type alias, not an interface: `withTables` needs a type with an implicit index signature.
export type OperationsTables = {
  incidents: IncidentTable;
  incident_events: IncidentEventTable;
  shipments: ShipmentTable;
  shipment_lines: ShipmentLineTable;
  supply_discrepancies: SupplyDiscrepancyTable;
  staff_attendance: StaffAttendanceTable;
  mobile_stops: MobileStopTable;
  queue_reports: QueueReportTable;
  voter_time_batches: VoterTimeBatchTable;
  voter_visits: VoterVisitTable;
};

export type IncidentSource = 'staff' | 'device' | 'hq';

export interface IncidentTable {
  election_id: string;
  /** Random (DESIGN §9). */
  id: string;
  branch_id: string;
  zone_hq_id: string;
  zone_id: string;
  kind: IncidentKind;
  severity: IncidentSeverity;
  team: IncidentTeam;
  state: IncidentState;
  /** What the reporter wrote; never copied into the audit log. */
  description: string;
  source: IncidentSource;
  /** Username, device serial, or `hq` for an incident HQ raised itself (a late stop). */
  reported_by: string;
  device_message_id: string | null;
  /** The mobile-branch stop an automatic "late stop" incident is about. */
  stop_id: string | null;
  reported_at: string;
  acknowledged_at: string | null;
  assigned_at: string | null;
  assigned_to: string | null;
  on_site_at: string | null;
  resolved_at: string | null;
  confirmed_at: string | null;
  resolution: string | null;
  faulty_serial: string | null;
  replacement_serial: string | null;
  acknowledge_escalated_at: string | null;
  resolve_escalated_at: string | null;
}

export interface IncidentEventTable {
  election_id: string;
  incident_id: string;
  /** 0, 1, 2 … within the incident: the order of its own timeline. */
  position: number;
  step: string;
  at: string;
  actor: string;
  note: string | null;
}

export interface ShipmentTable {
  election_id: string;
  id: string;
  branch_id: string;
  zone_hq_id: string;
  phase: SupplyPhase;
  day: SupplyDay;
  state: ShipmentState;
  planned_at: string;
  packed_at: string | null;
  dispatched_at: string | null;
  delivered_at: string | null;
  confirmed_at: string | null;
  returned_at: string | null;
}

export interface ShipmentLineTable {
  election_id: string;
  shipment_id: string;
  item: SupplyItem;
  quantity: number;
  returned: number | null;
}

export interface SupplyDiscrepancyTable {
  election_id: string;
  id: string;
  shipment_id: string;
  kind: DiscrepancyKind;
  item: SupplyItem;
  quantity: number;
  reported_at: string;
  reported_by: string;
}

export interface StaffAttendanceTable {
  election_id: string;
  staff_id: string;
  branch_id: string;
  status: AttendanceStatus;
  at: string;
  recorded_by: string;
}

export interface MobileStopTable {
  election_id: string;
  branch_id: string;
  stop_id: string;
  arrived_at: string | null;
  departed_at: string | null;
  voters: number | null;
}

export interface QueueReportTable {
  election_id: string;
  id: string;
  branch_id: string;
  length: number;
  reported_at: string;
}

export interface VoterTimeBatchTable {
  election_id: string;
  /** The sender's idempotency key: a batch is applied once (law 3's habit). */
  id: string;
  branch_id: string;
  received_at: string;
}

export interface VoterVisitTable {
  election_id: string;
  branch_id: string;
  hour: string;
  identity_ms: number | null;
  wait_ms: number | null;
  casting_ms: number | null;
  printing_ms: number | null;
}

export type OperationsDb = Kysely<Database & OperationsTables>;

export function operationsDb(db: Kysely<Database>): OperationsDb {
  return db.withTables<OperationsTables>();
}
