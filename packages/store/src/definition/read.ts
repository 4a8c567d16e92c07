import {
  err,
  ok,
  problem,
  sha256Hex,
  type ElectionDefinition,
  type Problem,
  type Result,
} from '@sandogh/core';
import type { Store } from '../store.js';

export interface ElectionSummary {
  readonly id: string;
  readonly hash: string;
  readonly formatVersion: number;
  readonly title: { readonly fa: string; readonly en: string };
  readonly round: number;
  /** Gregorian ISO date; people read it in Jalali (DESIGN §9). */
  readonly votingDay: string;
  /** UTC ISO 8601 instant. */
  readonly loadedAt: string;
}

export interface StoredDefinition {
  readonly summary: ElectionSummary;
  readonly definition: ElectionDefinition;
  /** The canonical JSON text exactly as stored and hashed: what `election export` writes. */
  readonly document: string;
}

const summaryColumns = [
  'id',
  'hash',
  'format_version',
  'title_fa',
  'title_en',
  'round',
  'voting_day',
  'loaded_at',
] as const;

function summaryOf(row: {
  id: string;
  hash: string;
  format_version: number;
  title_fa: string;
  title_en: string;
  round: number;
  voting_day: string;
  loaded_at: string;
}): ElectionSummary {
  return {
    id: row.id,
    hash: row.hash,
    formatVersion: row.format_version,
    title: { fa: row.title_fa, en: row.title_en },
    round: row.round,
    votingDay: row.voting_day,
    loadedAt: row.loaded_at,
  };
}

/**
 * The election the HQ is running: the one loaded last (an HQ store normally holds one; after a
 * round-1 store is reused for the runoff, the runoff). Undefined when nothing is loaded.
 */
export async function currentElection(store: Store): Promise<ElectionSummary | undefined> {
  const row = await store.db
    .selectFrom('election')
    .select(summaryColumns)
    .orderBy('loaded_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : summaryOf(row);
}

/**
 * The stored definition, parsed. The document is checked against its hash first: a store
 * edited behind the HQ's back must not hand out a definition that differs from the one every
 * device and report is bound to (law 6 spirit: a changed record is detected, not served).
 */
export async function readDefinition(
  store: Store,
  electionId?: string,
): Promise<Result<StoredDefinition, Problem>> {
  let query = store.db.selectFrom('election').select([...summaryColumns, 'document']);
  query =
    electionId === undefined
      ? query.orderBy('loaded_at', 'desc').orderBy('id').limit(1)
      : query.where('id', '=', electionId);
  const row = await query.executeTakeFirst();
  if (row === undefined)
    return err(
      problem('DEFINITION_NOT_LOADED', electionId === undefined ? undefined : { id: electionId }),
    );
  const actual = sha256Hex(row.document);
  if (actual !== row.hash) {
    // Law 6: a definition altered in the database is never served as if it were the one loaded.
    return err(
      problem('STORE_INTEGRITY', { id: row.id, storedHash: row.hash, actualHash: actual }),
    );
  }
  return ok({
    summary: summaryOf(row),
    definition: JSON.parse(row.document) as ElectionDefinition,
    document: row.document,
  });
}
