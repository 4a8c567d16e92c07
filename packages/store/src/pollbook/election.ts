import {
  checkEligibility,
  type EligibilityAt,
  type EligibilityRefusal,
  type NationalCode,
  type RegistryVoter,
} from '@sandogh/core';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { readDefinition } from '../definition/read.js';
import type { Store } from '../store.js';
import { pollbookDb, type RegistryVoterColumns } from './tables.js';

/** What check-and-mark needs to know about the election, read once from the definition. */
export interface PollbookElection {
  readonly electionId: string;
  readonly eligibility: EligibilityAt;
  /** The election's civil time zone (DESIGN §9): turnout hours and "voted at" times. */
  readonly timeZone: string;
}

/** The loaded election as the poll book sees it; undefined when none is loaded. */
export async function pollbookElection(store: Store): Promise<PollbookElection | undefined> {
  const stored = await readDefinition(store);
  if (!stored.ok) return undefined;
  const { election, constituency } = stored.value.definition;
  return {
    electionId: election.id,
    eligibility: {
      votingDay: election.votingDay,
      round: election.round,
      // DESIGN §2: one definition, one constituency; every branch lies in it.
      constituencyId: constituency.id,
      minimumAge: election.minimumAge,
    },
    timeZone: election.timeZone,
  };
}

function voterFromRow(row: RegistryVoterColumns): RegistryVoter {
  return {
    nationalCode: row.national_code as NationalCode,
    birthDate: row.birth_date,
    deceased: row.deceased === 1,
    deathDate: row.death_date,
    citizen: row.citizen === 1,
    round1Constituency: row.round1_constituency,
  };
}

/** Largest IN list per statement: far below every engine's parameter limit. */
export const KEYS_PER_STATEMENT = 1_000;

export function chunks<T>(items: readonly T[], size = KEYS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The registry rows of some national codes, in as few statements as the limit allows. */
export async function registryVoters(
  db: Kysely<Database>,
  electionId: string,
  codes: readonly string[],
): Promise<Map<string, RegistryVoter>> {
  const pdb = pollbookDb(db);
  const found = new Map<string, RegistryVoter>();
  for (const part of chunks(codes)) {
    const rows = await pdb
      .selectFrom('registry_voters')
      .select([
        'election_id',
        'national_code',
        'birth_date',
        'deceased',
        'death_date',
        'citizen',
        'round1_constituency',
      ])
      .where('election_id', '=', electionId)
      .where('national_code', 'in', part)
      .execute();
    for (const row of rows) found.set(row.national_code, voterFromRow(row));
  }
  return found;
}

export type VoterVerdict =
  | { readonly kind: 'eligible' }
  | { readonly kind: 'not-in-registry' }
  | {
      readonly kind: 'ineligible';
      readonly refusal: EligibilityRefusal;
      readonly voter: RegistryVoter;
    };

/** The registry's answer for one voter at this election's branches (DESIGN §2 "Eligibility"). */
export function verdictFor(
  voter: RegistryVoter | undefined,
  election: PollbookElection,
): VoterVerdict {
  if (voter === undefined) return { kind: 'not-in-registry' };
  const checked = checkEligibility(voter, election.eligibility);
  return checked.ok ? { kind: 'eligible' } : { kind: 'ineligible', refusal: checked.error, voter };
}
