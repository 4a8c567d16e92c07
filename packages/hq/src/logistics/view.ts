import type { ShipmentRecord, ShipmentTable } from '@sandogh/store';
import type { AuditRecord } from '../audit/recorder.js';

/** A shipment as the HQ answers it: camelCase, with its lines and discrepancies. */
export function shipmentView(record: ShipmentRecord) {
  const s = record.shipment;
  return {
    id: s.id,
    branchId: s.branch_id,
    zoneHqId: s.zone_hq_id,
    phase: s.phase,
    day: s.day,
    state: s.state,
    reached: {
      planned: s.planned_at,
      packed: s.packed_at,
      dispatched: s.dispatched_at,
      delivered: s.delivered_at,
      confirmed: s.confirmed_at,
      returned: s.returned_at,
    },
    lines: record.lines.map((l) => ({ item: l.item, quantity: l.quantity, returned: l.returned })),
    discrepancies: record.discrepancies.map((d) => ({
      kind: d.kind,
      item: d.item,
      quantity: d.quantity,
      reportedAt: d.reported_at,
      reportedBy: d.reported_by,
    })),
  };
}

/** The logistics area's audit entries: the shipment, its branch and the facts of the step. */
export function logisticsEntry(
  action:
    | 'logistics.shipment.moved'
    | 'logistics.supplies.dispatched'
    | 'logistics.supplies.received'
    | 'logistics.supplies.returned'
    | 'logistics.shortage.reported',
  electionId: string,
  shipment: ShipmentTable,
  details: Record<string, string | number | readonly string[]>,
): AuditRecord {
  return {
    action,
    outcome: 'succeeded',
    electionId,
    object: { type: 'shipment', id: shipment.id },
    details: { branch: shipment.branch_id, phase: shipment.phase, ...details },
  };
}
