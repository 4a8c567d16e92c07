import { electionHash, makeNationalCode, type NationalCode } from '@sandogh/core';
import { loadDefinition } from '../definition/load.js';
import type { Store } from '../store.js';
import { tinyDefinition } from '../testing/tinyDefinition.js';
import { pollbookElection, type PollbookElection } from './election.js';

/**
 * Poll-book fixtures shared by the store's, the HQ's and the benchmark's tests: the tiny
 * definition (round 1, voting day 2024-03-01) and a registry of adults who may vote.
 */

/** The i-th fixture voter's national code (i < 10^8): distinct and valid. */
export function fixtureCode(i: number): NationalCode {
  return makeNationalCode(`1${String(i).padStart(8, '0')}`);
}

export interface FixtureVoter {
  readonly code: NationalCode;
  readonly birthDate?: string;
  readonly deceased?: boolean;
  readonly citizen?: boolean;
  readonly round1Constituency?: string | null;
}

/** Raw registry rows (the importer's own path is tested in its area). */
export async function seedRegistry(
  store: Store,
  electionId: string,
  voters: readonly FixtureVoter[],
): Promise<void> {
  const now = new Date().toISOString();
  const rows = voters.map((v) => ({
    election_id: electionId,
    national_code: v.code,
    birth_date: v.birthDate ?? '1980-01-01',
    deceased: v.deceased === true ? (1 as const) : (0 as const),
    death_date: null,
    citizen: v.citizen === false ? (0 as const) : (1 as const),
    round1_constituency: v.round1Constituency ?? null,
    first_name: null,
    last_name: null,
    document_serials: null,
    import_id: 'fixture',
    updated_at: now,
  }));
  const db = store.db.withTables<{
    registry_voters: (typeof rows)[number];
  }>();
  for (let i = 0; i < rows.length; i += 2_000)
    await db
      .insertInto('registry_voters')
      .values(rows.slice(i, i + 2_000))
      .execute();
}

/** Loads the tiny definition (with `branches` branches) and `voters` adult citizens. */
export async function pollbookFixture(
  store: Store,
  options: { readonly branches?: number; readonly voters?: number } = {},
): Promise<PollbookElection> {
  const definition = tinyDefinition({ branches: options.branches ?? 4 });
  const loaded = await loadDefinition(store, definition, electionHash(definition));
  if (!loaded.ok) throw new Error(`fixture: ${loaded.error.code}`);
  const count = options.voters ?? 100;
  await seedRegistry(
    store,
    definition.election.id,
    Array.from({ length: count }, (_, i) => ({ code: fixtureCode(i) })),
  );
  const election = await pollbookElection(store);
  if (election === undefined) throw new Error('fixture: no election');
  return election;
}
