import { incidentDeadlines } from '@sandogh/core';
import type { IncidentEventRow, IncidentRow } from '@sandogh/store';
import type { AuditRecord } from '../audit/recorder.js';

/** An incident as the HQ answers it: camelCase, with its targets and escalations. */
export function incidentView(row: IncidentRow, timeline?: readonly IncidentEventRow[]) {
  const { acknowledgeBy, resolveBy } = incidentDeadlines(row.severity, Date.parse(row.reported_at));
  return {
    id: row.id,
    branchId: row.branch_id,
    zoneHqId: row.zone_hq_id,
    zoneId: row.zone_id,
    kind: row.kind,
    severity: row.severity,
    team: row.team,
    state: row.state,
    description: row.description,
    source: row.source,
    reportedBy: row.reported_by,
    stopId: row.stop_id,
    reportedAt: row.reported_at,
    acknowledgedAt: row.acknowledged_at,
    assignedAt: row.assigned_at,
    assignedTo: row.assigned_to,
    onSiteAt: row.on_site_at,
    resolvedAt: row.resolved_at,
    confirmedAt: row.confirmed_at,
    resolution: row.resolution,
    deviceSwap:
      row.faulty_serial === null
        ? null
        : { faulty: row.faulty_serial, replacement: row.replacement_serial },
    targets: {
      acknowledgeBy: new Date(acknowledgeBy).toISOString(),
      resolveBy: new Date(resolveBy).toISOString(),
    },
    escalatedToCounty: {
      acknowledge: row.acknowledge_escalated_at,
      resolve: row.resolve_escalated_at,
    },
    ...(timeline === undefined
      ? {}
      : {
          timeline: timeline.map((e) => ({
            step: e.step,
            at: e.at,
            actor: e.actor,
            note: e.note,
          })),
        }),
  };
}

/**
 * The audit entries of the incident area. Facts only — kind, severity, team, step — never the
 * reporter's free text, which may name people (docs/AUDIT.md "What details may hold").
 */
export function incidentEntry(
  action:
    | 'incidents.incident.reported'
    | 'incidents.incident.progressed'
    | 'incidents.incident.resolved'
    | 'incidents.incident.confirmed'
    | 'incidents.incident.escalated',
  row: IncidentRow,
  details: Record<string, string | number | boolean | null | Record<string, string>> = {},
): AuditRecord {
  return {
    action,
    outcome: 'succeeded',
    electionId: row.election_id,
    object: { type: 'incident', id: row.id },
    details: { branch: row.branch_id, kind: row.kind, severity: row.severity, ...details },
  };
}
