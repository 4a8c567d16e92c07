import type { AuditEntryInput, Problem, ProblemCode } from '@sandogh/core';
import type { RegistryImportSummary } from './import.js';

/**
 * The registry import's audit entries (law 6), one builder each so that the CLI and the HQ
 * route record the same facts. Counts, the file's hash and the import's id only: never a
 * national code, a name or a date of birth (law 2, docs/AUDIT.md "What details may hold").
 * The caller adds the actor (the CLI's `cli` system actor, the HQ's signed-in staff member).
 */
export type RegistryAuditEntry = Omit<AuditEntryInput, 'actor'>;

export function registryImportStarted(
  electionId: string,
  source: 'cli' | 'hq',
  bytes: number | null,
): RegistryAuditEntry {
  return {
    action: 'pollbook.registry.import-started',
    outcome: 'succeeded',
    electionId,
    object: { type: 'registry', id: electionId },
    details: { source, bytes },
  };
}

export function registryImported(summary: RegistryImportSummary): RegistryAuditEntry {
  return {
    action: 'pollbook.registry.imported',
    outcome: 'succeeded',
    electionId: summary.electionId,
    object: { type: 'registry', id: summary.electionId },
    details: {
      importId: summary.importId,
      fileSha256: summary.fileSha256,
      rowsRead: summary.rowsRead,
      rowsRejected: summary.rowsRejected,
      inserted: summary.inserted,
      updated: summary.updated,
      absent: summary.absent,
      total: summary.total,
    },
  };
}

/** A refused file (outcome refused) or a store failure rolled back (imported, outcome failed). */
export function registryImportRefused(
  electionId: string | null,
  problems: readonly Problem[],
): RegistryAuditEntry {
  // Every code the import answers with comes from the catalogue (problem() takes no other).
  const reason = (problems[0]?.code ?? 'INPUT_INVALID') as ProblemCode;
  const failed = reason === 'REGISTRY_IMPORT_FAILED';
  return {
    action: failed ? 'pollbook.registry.imported' : 'pollbook.registry.refused',
    outcome: failed ? 'failed' : 'refused',
    reason,
    ...(electionId === null ? {} : { electionId, object: { type: 'registry', id: electionId } }),
    details: { problems: problems.length },
  };
}
