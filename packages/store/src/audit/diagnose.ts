import { problem, type Problem } from '@sandogh/core';
import { hashAuditEntry } from './hash.js';
import type { AuditDb, StoredAuditEntry } from './tables.js';

export interface Diagnosis {
  readonly kind: 'inserted' | 'reordered' | 'edited' | 'removed' | 'broken-link';
  /** The entry the finding names (an inserted entry sits just before the one that exposed it). */
  readonly sequence: number;
  readonly problem: Problem;
}

/**
 * Says what happened when an entry does not carry the hash of the entry before it. Run only
 * on the first failure, so its look-ups by hash (unindexed) cost nothing on an intact log.
 *
 * - It carries the hash of the entry two back: the one between was slipped in (inserted).
 * - It carries the hash of some other stored entry: it was moved out of its place (reordered,
 *   e.g. two entries' sequence numbers swapped).
 * - Its fields hash correctly once its previous-hash field is restored: that field was edited.
 * - Its fields hash correctly one number up: an entry before it was removed and the later
 *   ones renumbered to close the gap.
 */
export async function diagnoseBrokenLink(
  db: AuditDb,
  entry: StoredAuditEntry,
  previousHash: string,
  beforePrevious: string | undefined,
): Promise<Diagnosis> {
  const s = entry.sequence;
  if (beforePrevious !== undefined && entry.previousHash === beforePrevious)
    return {
      kind: 'inserted',
      sequence: s - 1,
      problem: problem('AUDIT_ENTRY_INSERTED', { sequence: s - 1 }),
    };
  const follows = await db
    .selectFrom('audit_log')
    .select('sequence')
    .where('entry_hash', '=', entry.previousHash)
    .where('sequence', '!=', s - 1)
    .executeTakeFirst();
  if (follows !== undefined)
    return {
      kind: 'reordered',
      sequence: s,
      problem: problem('AUDIT_ENTRY_REORDERED', { sequence: s, follows: follows.sequence }),
    };
  if (hashAuditEntry({ ...entry, previousHash }) === entry.entryHash)
    return { kind: 'edited', sequence: s, problem: problem('AUDIT_ENTRY_EDITED', { sequence: s }) };
  if (hashAuditEntry({ ...entry, sequence: s + 1 }) === entry.entryHash)
    return {
      kind: 'removed',
      sequence: s,
      problem: problem('AUDIT_ENTRY_REMOVED', { sequence: s }),
    };
  return {
    kind: 'broken-link',
    sequence: s,
    problem: problem('AUDIT_CHAIN_BROKEN', { sequence: s }),
  };
}
