import { activeAuditEvents } from './eventsActive.js';
import { plannedAuditEvents } from './eventsPlanned.js';
import type { AuditEventKind, AuditOutcome, NistDisposition } from './types.js';

/**
 * Every event kind of the audit log, declared once (STYLE: "Log events are declared once, in
 * one table, from which the code's enum and the operators' documentation are both generated").
 * The union `AuditAction` is derived from it; docs/AUDIT.md's table is generated from it
 * (`node --import tsx scripts/audit-doc.ts`); the NIST SP 1500-101 export takes each event's
 * Id, Type and Severity from it. A code is never renamed or reused once released: entries that
 * carry it are hash-chained for ever.
 */
export const auditEvents = { ...activeAuditEvents, ...plannedAuditEvents } as const;

export type AuditAction = keyof typeof auditEvents;

export function isAuditAction(code: string): code is AuditAction {
  return Object.hasOwn(auditEvents, code);
}

export function auditEventKind(action: AuditAction): AuditEventKind {
  return auditEvents[action];
}

/**
 * NIST SP 1500-101 Event.Disposition from the entry's outcome: a refusal or a failure is a
 * `failure`; success is `success` (the log records only acts and their ends, never "na").
 */
export function nistDisposition(outcome: AuditOutcome): NistDisposition {
  return outcome === 'succeeded' ? 'success' : 'failure';
}
