import { sql, type Kysely, type Migration } from 'kysely';
import {
  attendanceStatus,
  discrepancyKind,
  incidentKind,
  incidentSeverity,
  incidentState,
  incidentTeam,
  shipmentState,
  supplyDay,
  supplyItem,
  supplyPhase,
} from '@sandogh/core';

/**
 * Election-day operations (issue 8): incidents with their timelines, the supply shipments of
 * the three-day plan with their lines and discrepancies, staff attendance, mobile branches'
 * stops, queue reports and voter-time samples. Portable statements only (DESIGN §6): text,
 * integers, ISO instants as text, CHECK lists from core's enums; ids are random, never a
 * sequence (DESIGN §9).
 *
 * Law 2: `voter_visits` holds per-step durations and the hour only — no visit key, no ballot
 * id, no finer time — so it cannot be joined with the poll book or the ballots.
 */

const inList = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

export const operationsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const s = db.schema;
    await s
      .createTable('incidents')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('zone_hq_id', 'text', (c) => c.notNull())
      .addColumn('zone_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('team', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('reported_by', 'text', (c) => c.notNull())
      .addColumn('device_message_id', 'text')
      .addColumn('stop_id', 'text')
      .addColumn('reported_at', 'text', (c) => c.notNull())
      .addColumn('acknowledged_at', 'text')
      .addColumn('assigned_at', 'text')
      .addColumn('assigned_to', 'text')
      .addColumn('on_site_at', 'text')
      .addColumn('resolved_at', 'text')
      .addColumn('confirmed_at', 'text')
      .addColumn('resolution', 'text')
      .addColumn('faulty_serial', 'text')
      .addColumn('replacement_serial', 'text')
      .addColumn('acknowledge_escalated_at', 'text')
      .addColumn('resolve_escalated_at', 'text')
      .addPrimaryKeyConstraint('incidents_pk', ['election_id', 'id'])
      .addCheckConstraint('incidents_kind_ck', inList('kind', incidentKind.options))
      .addCheckConstraint('incidents_severity_ck', inList('severity', incidentSeverity.options))
      .addCheckConstraint('incidents_team_ck', inList('team', incidentTeam.options))
      .addCheckConstraint('incidents_state_ck', inList('state', incidentState.options))
      .addCheckConstraint('incidents_source_ck', inList('source', ['staff', 'device', 'hq']))
      .execute();
    await s
      .createIndex('incidents_zone_ix')
      .on('incidents')
      .columns(['election_id', 'zone_hq_id', 'reported_at'])
      .execute();
    // A device's retry resends the same message id: one incident, whatever the concurrency.
    await s
      .createIndex('incidents_message_ux')
      .on('incidents')
      .columns(['election_id', 'device_message_id'])
      .unique()
      .where(sql.ref('device_message_id'), 'is not', null)
      .execute();
    // A late stop raises one incident, however often the sweep finds it late.
    await s
      .createIndex('incidents_stop_ux')
      .on('incidents')
      .columns(['election_id', 'branch_id', 'stop_id'])
      .unique()
      .where(sql.ref('stop_id'), 'is not', null)
      .execute();

    await s
      .createTable('incident_events')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('incident_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('step', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('incident_events_pk', ['election_id', 'incident_id', 'position'])
      .execute();

    await s
      .createTable('shipments')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('zone_hq_id', 'text', (c) => c.notNull())
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('planned_at', 'text', (c) => c.notNull())
      .addColumn('packed_at', 'text')
      .addColumn('dispatched_at', 'text')
      .addColumn('delivered_at', 'text')
      .addColumn('confirmed_at', 'text')
      .addColumn('returned_at', 'text')
      .addPrimaryKeyConstraint('shipments_pk', ['election_id', 'id'])
      .addCheckConstraint('shipments_phase_ck', inList('phase', supplyPhase.options))
      .addCheckConstraint('shipments_day_ck', inList('day', supplyDay.options))
      .addCheckConstraint('shipments_state_ck', inList('state', shipmentState.options))
      .execute();
    await s
      .createIndex('shipments_zone_ix')
      .on('shipments')
      .columns(['election_id', 'zone_hq_id', 'day'])
      .execute();
    await s
      .createTable('shipment_lines')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('shipment_id', 'text', (c) => c.notNull())
      .addColumn('item', 'text', (c) => c.notNull())
      .addColumn('quantity', 'integer', (c) => c.notNull())
      /** A collection's count as it came back in; null until returned. */
      .addColumn('returned', 'integer')
      .addPrimaryKeyConstraint('shipment_lines_pk', ['election_id', 'shipment_id', 'item'])
      .addCheckConstraint('shipment_lines_item_ck', inList('item', supplyItem.options))
      .addCheckConstraint('shipment_lines_quantity_ck', sql`quantity >= 0`)
      .execute();
    await s
      .createTable('supply_discrepancies')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('shipment_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('item', 'text', (c) => c.notNull())
      .addColumn('quantity', 'integer', (c) => c.notNull())
      .addColumn('reported_at', 'text', (c) => c.notNull())
      .addColumn('reported_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('supply_discrepancies_pk', ['election_id', 'id'])
      .addCheckConstraint('supply_discrepancies_kind_ck', inList('kind', discrepancyKind.options))
      .addCheckConstraint('supply_discrepancies_item_ck', inList('item', supplyItem.options))
      .addCheckConstraint('supply_discrepancies_quantity_ck', sql`quantity > 0`)
      .execute();

    await s
      .createTable('staff_attendance')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('staff_attendance_pk', ['election_id', 'branch_id', 'staff_id'])
      .addCheckConstraint('staff_attendance_status_ck', inList('status', attendanceStatus.options))
      .execute();

    await s
      .createTable('mobile_stops')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('stop_id', 'text', (c) => c.notNull())
      .addColumn('arrived_at', 'text')
      .addColumn('departed_at', 'text')
      .addColumn('voters', 'integer')
      .addPrimaryKeyConstraint('mobile_stops_pk', ['election_id', 'branch_id', 'stop_id'])
      .execute();

    await s
      .createTable('queue_reports')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('length', 'integer', (c) => c.notNull())
      .addColumn('reported_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('queue_reports_pk', ['election_id', 'id'])
      .execute();
    await s
      .createIndex('queue_reports_branch_ix')
      .on('queue_reports')
      .columns(['election_id', 'branch_id', 'reported_at'])
      .execute();

    await s
      .createTable('voter_time_batches')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('voter_time_batches_pk', ['election_id', 'id'])
      .execute();
    await s
      .createTable('voter_visits')
      .addColumn('election_id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      /** `YYYY-MM-DDTHH` (UTC): the finest time kept (law 2). */
      .addColumn('hour', 'text', (c) => c.notNull())
      .addColumn('identity_ms', 'integer')
      .addColumn('wait_ms', 'integer')
      .addColumn('casting_ms', 'integer')
      .addColumn('printing_ms', 'integer')
      .execute();
    await s
      .createIndex('voter_visits_branch_ix')
      .on('voter_visits')
      .columns(['election_id', 'branch_id'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'voter_visits',
      'voter_time_batches',
      'queue_reports',
      'mobile_stops',
      'staff_attendance',
      'supply_discrepancies',
      'shipment_lines',
      'shipments',
      'incident_events',
      'incidents',
    ])
      await db.schema.dropTable(table).execute();
  },
};
