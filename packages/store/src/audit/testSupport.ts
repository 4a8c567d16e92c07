import type { AuditEntryInput } from '@sandogh/core';

/**
 * Audit entries of every shape for the audit tests: staff, devices, HQ and anonymous callers;
 * successes and refusals with their reasons; with and without objects and details. The i-th
 * entry is always the same, so a failure names a reproducible log.
 */
export function sampleAuditEntry(i: number): AuditEntryInput {
  const at = new Date(Date.UTC(2024, 4, 10, 4, 30) + i * 1_000).toISOString();
  switch (i % 5) {
    case 0:
      return {
        action: 'access.login.succeeded',
        outcome: 'succeeded',
        actor: { kind: 'staff', id: `staff-${i % 7}`, role: 'hq-staff', scope: 'constituency' },
        occurredAt: at,
        sourceAddress: '192.0.2.10',
        object: { type: 'session' },
      };
    case 1:
      return {
        action: 'access.login.failed',
        outcome: 'refused',
        reason: 'INPUT_INVALID',
        actor: { kind: 'anonymous' },
        occurredAt: at,
        sourceAddress: '2001:db8::7',
      };
    case 2:
      return {
        action: 'election.definition.loaded',
        outcome: 'succeeded',
        electionId: 'sample-2024',
        actor: { kind: 'staff', id: 'hq-1', role: 'hq-staff', scope: 'constituency' },
        occurredAt: at,
        object: { type: 'election', id: 'sample-2024' },
        details: { status: 'loaded', hash: 'ab'.repeat(32), rows: { branches: 6, staff: i } },
      };
    case 3:
      return {
        action: 'access.refused',
        outcome: 'refused',
        reason: 'HTTP_NOT_FOUND',
        actor: {
          kind: 'device',
          id: `A-${String(i).padStart(4, '0')}`,
          role: 'authentication',
          scope: 'branch:0001',
        },
        occurredAt: at,
        details: { route: 'PUT /api/v1/election', note: 'فارسی و \u200c نیم‌فاصله', n: -1.5e-7 },
      };
    default:
      return {
        action: 'system.server.started',
        outcome: 'succeeded',
        actor: { kind: 'system', id: 'hq' },
        occurredAt: at,
        details: { engine: 'sqlite', version: '0.1.0' },
      };
  }
}

export function sampleAuditEntries(count: number, from = 0): AuditEntryInput[] {
  return Array.from({ length: count }, (_, i) => sampleAuditEntry(from + i));
}
