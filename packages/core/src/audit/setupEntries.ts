import type { Problem, ProblemCode } from '@sandogh/core';
import type { AuditRecord } from './recorder.js';

/**
 * The setup area's entries (issue 2's PUT /api/v1/election), built here so the route records
 * them in one line each. The refusal names only the code answered and how many problems there
 * were: the definition itself (staff names) never goes into the log.
 */
export function definitionLoaded(
  electionId: string,
  hash: string,
  status: 'loaded' | 'unchanged',
): AuditRecord {
  return {
    action: 'election.definition.loaded',
    outcome: 'succeeded',
    electionId,
    object: { type: 'election', id: electionId },
    details: { status, hash },
  };
}

/** A refused load, from the problems the route answers with (their first code is the reason). */
export function definitionRefused(answered: readonly Problem[], electionId?: string): AuditRecord {
  const first = answered[0];
  const count = first?.details?.['count'];
  return {
    action: 'election.definition.refused',
    outcome: 'refused',
    // Every code the HQ answers with comes from the catalogue (problem() takes no other).
    reason: (first?.code ?? 'INPUT_INVALID') as ProblemCode,
    ...(electionId === undefined
      ? {}
      : { electionId, object: { type: 'election', id: electionId } }),
    details: { count: typeof count === 'number' ? count : answered.length },
  };
}
