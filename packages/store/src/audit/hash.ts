import { createHash } from 'node:crypto';
import { auditEntryCanonical, type AuditEntry } from '@sandogh/core';

/**
 * core's `auditEntryHash` (the definition: SHA-256 of the RFC 8785 form) computed with Node's
 * native SHA-256, about four times faster than the portable one on an entry's 500-odd bytes —
 * which is most of an append's CPU and of a ten-million-entry verification. The tests check
 * every stored hash against core's function, so the two cannot drift apart.
 */
export function hashAuditEntry(entry: AuditEntry): string {
  return createHash('sha256').update(auditEntryCanonical(entry)).digest('hex');
}
