import type { Kysely } from 'kysely';
import type { NationalCode, RegistryDocumentKind, RegistryVoter } from '@sandogh/core';
import type { Database } from '../database.js';
import { registryDb, type RegistryVoterTable } from './tables.js';

/** A registry row as the desk may see it: eligibility's facts plus name and document serials. */
export interface StoredRegistryVoter extends RegistryVoter {
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly documentSerials: Readonly<Partial<Record<RegistryDocumentKind, string>>> | null;
  readonly updatedAt: string;
}

function voterFromRow(row: RegistryVoterTable): StoredRegistryVoter {
  return {
    nationalCode: row.national_code as NationalCode,
    birthDate: row.birth_date,
    deceased: row.deceased === 1,
    deathDate: row.death_date,
    citizen: row.citizen === 1,
    round1Constituency: row.round1_constituency,
    firstName: row.first_name,
    lastName: row.last_name,
    documentSerials:
      row.document_serials === null
        ? null
        : (JSON.parse(row.document_serials) as Partial<Record<RegistryDocumentKind, string>>),
    updatedAt: row.updated_at,
  };
}

/**
 * One voter of an election's registry by national code (the primary key: one b-tree descent),
 * or undefined. Takes the store or a transaction's `trx` (`{ db: trx }`), so check-and-mark can
 * read inside its own transaction.
 */
export async function findVoter(
  store: { readonly db: Kysely<Database> },
  electionId: string,
  nationalCode: NationalCode,
): Promise<StoredRegistryVoter | undefined> {
  const row = await registryDb(store.db)
    .selectFrom('registry_voters')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('national_code', '=', nationalCode)
    .executeTakeFirst();
  return row === undefined ? undefined : voterFromRow(row);
}

/** The imports that committed for an election, latest first (counts only). */
export async function registryImports(
  store: { readonly db: Kysely<Database> },
  electionId: string,
) {
  return registryDb(store.db)
    .selectFrom('registry_imports')
    .selectAll()
    .where('election_id', '=', electionId)
    .orderBy('finished_at', 'desc')
    .execute();
}
