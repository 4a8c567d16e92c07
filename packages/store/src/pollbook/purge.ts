import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { registryDb } from '../registry/tables.js';
import { pollbookDb } from './tables.js';

/** What a purge removed: counts only, for the audit entry and the answer. */
export interface PurgeCounts {
  readonly voters: number;
  readonly marks: number;
}

/**
 * The retention rule (docs/SECURITY.md §9): after certification, the HQ's copy of the voters'
 * personal data goes — every registry row and every mark (who voted where) of the election —
 * in one transaction with the caller's audit entry. What stays carries no person: per-branch
 * turnout counts, card and provisional-ballot counts for reconciliation, and the audit log.
 */
export async function purgeVoterData(
  store: Store,
  electionId: string,
  alsoInTransaction?: (trx: Kysely<Database>, counts: PurgeCounts) => Promise<unknown>,
): Promise<PurgeCounts> {
  return store.transaction(async (trx) => {
    const voters = await registryDb(trx)
      .deleteFrom('registry_voters')
      .where('election_id', '=', electionId)
      .executeTakeFirst();
    const marks = await pollbookDb(trx)
      .deleteFrom('pollbook_marks')
      .where('election_id', '=', electionId)
      .executeTakeFirst();
    const counts = {
      voters: Number(voters.numDeletedRows),
      marks: Number(marks.numDeletedRows),
    };
    await alsoInTransaction?.(trx, counts);
    return counts;
  });
}
