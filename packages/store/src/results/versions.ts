import type { Kysely } from 'kysely';
import {
  appendVersion,
  canonicalJson,
  err,
  ok,
  ProblemError,
  problem,
  sha256Hex,
  verifyVersionChain,
  type HashedResultVersion,
  type Problem,
  type Result,
  type VersionDraft,
  type VersionSigner,
} from '@sandogh/core';
import { constraintViolation } from '../bulk.js';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { resultsDb, type ResultVersionTable } from './tables.js';

/**
 * The result versions of an election (docs/RESULTS.md §2), append-only: the rules of what may
 * follow are core's `appendVersion`; the store adds that the chain it appends to is the one on
 * disk, read in the same transaction, and that a concurrent append of the same version number
 * loses on the primary key instead of forking the chain.
 */

export interface StoredResultVersion extends HashedResultVersion {
  /** RFC 8785 JSON of the published result. */
  readonly results: string;
}

function fromRow(row: ResultVersionTable): StoredResultVersion {
  return {
    version: row.version,
    previousHash: row.previous_hash,
    state: row.state,
    resultsHash: row.results_hash,
    reason: row.reason,
    signers: JSON.parse(row.signers) as VersionSigner[],
    createdAt: row.created_at,
    hash: row.hash,
    results: row.results,
  };
}

export async function listResultVersions(
  db: Kysely<Database>,
  electionId: string,
): Promise<StoredResultVersion[]> {
  const rows = await resultsDb(db)
    .selectFrom('result_versions')
    .selectAll()
    .where('election_id', '=', electionId)
    .orderBy('version')
    .execute();
  return rows.map(fromRow);
}

export async function latestResultVersion(
  db: Kysely<Database>,
  electionId: string,
): Promise<StoredResultVersion | undefined> {
  const row = await resultsDb(db)
    .selectFrom('result_versions')
    .selectAll()
    .where('election_id', '=', electionId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : fromRow(row);
}

/**
 * Appends the next version of the result. The stored chain is verified first (a row altered
 * on disk is reported, never built upon), then core decides whether the draft may follow.
 */
export async function appendResultVersion(
  store: Store,
  electionId: string,
  draft: Omit<VersionDraft, 'resultsHash'>,
  results: unknown,
  /** The caller's own writes (an audit entry, a checkpoint), committed with the version. */
  alsoInTransaction?: (trx: Kysely<Database>, version: StoredResultVersion) => Promise<unknown>,
): Promise<Result<StoredResultVersion, Problem>> {
  const document = canonicalJson(results);
  try {
    return await store.transaction(async (trx) => {
      const chain = await listResultVersions(trx, electionId);
      const intact = verifyVersionChain(chain);
      if (!intact.ok) return err(intact.error);
      const next = appendVersion(chain, { ...draft, resultsHash: sha256Hex(document) });
      if (!next.ok) return err(next.error);
      const v = next.value;
      await resultsDb(trx)
        .insertInto('result_versions')
        .values({
          election_id: electionId,
          version: v.version,
          previous_hash: v.previousHash,
          state: v.state,
          results_hash: v.resultsHash,
          reason: v.reason,
          signers: canonicalJson(v.signers),
          created_at: v.createdAt,
          hash: v.hash,
          results: document,
        })
        .execute();
      const stored = { ...v, results: document };
      await alsoInTransaction?.(trx, stored);
      return ok(stored);
    });
  } catch (e) {
    if (constraintViolation(e)?.kind === 'unique')
      return err(
        problem('RESULTS_VERSION_CHAIN_BROKEN', {
          version: 'next',
          reason: 'another version was appended at the same time; read the chain again',
        }),
      );
    if (e instanceof ProblemError && e.problems[0] !== undefined) return err(e.problems[0]);
    throw e;
  }
}

/** Checks a stored chain and that each stored result hashes to its version's `resultsHash`. */
export async function verifyStoredResults(
  db: Kysely<Database>,
  electionId: string,
): Promise<Result<number, Problem>> {
  const chain = await listResultVersions(db, electionId);
  const intact = verifyVersionChain(chain);
  if (!intact.ok) return err(intact.error);
  const altered = chain.find((v) => sha256Hex(v.results) !== v.resultsHash);
  if (altered !== undefined)
    return err(
      problem('RESULTS_VERSION_CHAIN_BROKEN', { version: altered.version, reason: 'results hash' }),
    );
  return ok(chain.length);
}
