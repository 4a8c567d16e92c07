import {
  canonicalJson,
  err,
  ok,
  problem,
  sha256Hex,
  type ElectionDefinition,
  type Problem,
  type Result,
} from '@sandogh/core';
import type { Kysely } from 'kysely';
import { constraintViolation, insertInChunks } from '../bulk.js';
import type { Database } from '../database.js';
import { deviceRegistryChanged } from '../devices/changes.js';
import type { Store } from '../store.js';
import { ROW_TABLES, definitionRows, type DefinitionRows } from './rows.js';

export type LoadOutcome = 'loaded' | 'unchanged';

export interface LoadResult {
  readonly outcome: LoadOutcome;
  readonly electionId: string;
  readonly hash: string;
  /** Rows written per table (zero everywhere when unchanged). */
  readonly rows: Readonly<Record<keyof DefinitionRows, number>>;
}

export interface LoadOptions {
  /** Lower than the engine's limit only to force many chunks in tests. */
  readonly maxParameters?: number;
  /**
   * Runs inside the load's transaction after the rows are written, so that the audit entry of
   * the load commits with it or not at all (law 6).
   */
  readonly alsoInTransaction?: (trx: Kysely<Database>) => Promise<unknown>;
}

function noRows(): Record<keyof DefinitionRows, number> {
  return Object.fromEntries(ROW_TABLES.map((t) => [t, 0])) as Record<keyof DefinitionRows, number>;
}

async function existingHash(db: Kysely<Database>, electionId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('election')
    .select('hash')
    .where('id', '=', electionId)
    .executeTakeFirst();
  return row?.hash;
}

function alreadyLoaded(
  electionId: string,
  storedHash: string,
  hash: string,
): Result<LoadResult, Problem> {
  if (storedHash === hash) return ok({ outcome: 'unchanged', electionId, hash, rows: noRows() });
  return err(problem('DEFINITION_ALREADY_LOADED', { id: electionId, storedHash, hash }));
}

/**
 * Loads a definition that has passed `validateDefinition` (the caller reports every problem;
 * the store's keys and CHECKs are only the last line). Atomic: everything is written in one
 * transaction, so a failure at any row leaves nothing behind (issue 2; law 8, bad input
 * changes nothing). An election is loaded once: loading it again with the same hash is a
 * no-op ('unchanged'), with another hash it is refused (DEFINITION_ALREADY_LOADED), because
 * ballots, devices and reports are bound to the hash they were made for.
 */
export async function loadDefinition(
  store: Store,
  definition: ElectionDefinition,
  hash: string,
  options: LoadOptions = {},
): Promise<Result<LoadResult, Problem>> {
  // The stored document is the canonical text that was hashed (DESIGN §9), so export returns
  // exactly what was imported and anyone can recompute the hash from the store alone.
  const document = canonicalJson(definition);
  const computed = sha256Hex(document);
  if (computed !== hash.toLowerCase()) {
    return err(problem('DEFINITION_HASH_MISMATCH', { hash, computed }));
  }
  const electionId = definition.election.id;
  const stored = await existingHash(store.db, electionId);
  if (stored !== undefined) return alreadyLoaded(electionId, stored, computed);

  const rows = definitionRows(definition);
  const maxParameters = Math.min(options.maxParameters ?? store.maxParameters, store.maxParameters);
  try {
    await store.transaction(async (trx) => {
      // The election row goes first: a concurrent load of the same election then collides on
      // its primary key straight away and is sorted out below.
      await trx
        .insertInto('election')
        .values({
          id: electionId,
          hash: computed,
          format_version: definition.formatVersion,
          document,
          title_fa: definition.election.title.fa,
          title_en: definition.election.title.en,
          round: definition.election.round,
          voting_day: definition.election.votingDay,
          loaded_at: new Date().toISOString(),
        })
        .execute();
      for (const table of ROW_TABLES) await insertInChunks(trx, table, rows[table], maxParameters);
      await options.alsoInTransaction?.(trx);
    });
  } catch (error) {
    const violation = constraintViolation(error);
    if (violation === undefined) throw error;
    const raced = await existingHash(store.db, electionId);
    if (raced !== undefined) return alreadyLoaded(electionId, raced, computed);
    return err(
      problem('DEFINITION_STORE_CONSTRAINT', { kind: violation.kind, reason: violation.message }),
    );
  }
  // A new election and its devices: the access layer's device cache reads them anew (law 4).
  deviceRegistryChanged();
  const counts = noRows();
  for (const table of ROW_TABLES) counts[table] = rows[table].length;
  return ok({ outcome: 'loaded', electionId, hash: computed, rows: counts });
}
