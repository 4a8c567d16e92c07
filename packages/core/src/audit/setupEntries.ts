import type { Problem } from '../problem.js';
import type { ProblemCode } from '../errors.js';
import type { AuditEntryInput } from './entry.js';

/** An entry whose actor and source address the caller adds (the HQ from its request). */
export type AuditEntryOf = Omit<AuditEntryInput, 'actor' | 'sourceAddress'>;

/**
 * The setup area's entries, built once for the HQ's PUT /api/v1/election and the CLI's
 * `election import`, so both record a load the same way. The refusal names only the code answered and how many problems there
 * were: the definition itself (staff names) never goes into the log.
 */
export function definitionLoaded(
  electionId: string,
  hash: string,
  status: 'loaded' | 'unchanged',
): AuditEntryOf {
  return {
    action: 'election.definition.loaded',
    outcome: 'succeeded',
    electionId,
    object: { type: 'election', id: electionId },
    details: { status, hash },
  };
}

/** A refused load, from the problems the route answers with (their first code is the reason). */
export function definitionRefused(answered: readonly Problem[], electionId?: string): AuditEntryOf {
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
