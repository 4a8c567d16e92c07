import type { Kysely } from 'kysely';
import type { Database, Flag } from '../database.js';

/**
 * The registry tables of migration 0005, column by column (types as in database.ts), joined
 * to `Database` with `withTables` like the other areas'.
 */
// A type alias, not an interface: `withTables` needs a type with an implicit index signature.
export type RegistryTables = {
  registry_voters: RegistryVoterTable;
  registry_imports: RegistryImportTable;
};

export interface RegistryVoterTable {
  election_id: string;
  /** 10 ASCII digits with a valid check digit (parseNationalCode). */
  national_code: string;
  /** Gregorian civil date 'YYYY-MM-DD'. */
  birth_date: string;
  deceased: Flag;
  death_date: string | null;
  citizen: Flag;
  /** Where the person voted in round 1; null if they did not. */
  round1_constituency: string | null;
  first_name: string | null;
  last_name: string | null;
  /** RFC 8785 canonical JSON of `{ kind: serial }`, or null. */
  document_serials: string | null;
  /** The import that last wrote the row (registry_imports.id). */
  import_id: string;
  updated_at: string;
}

export interface RegistryImportTable {
  /** Random (DESIGN §9). */
  id: string;
  election_id: string;
  /** SHA-256 (hex) of the file's bytes, so the audit log and the operator name the same file. */
  file_sha256: string;
  started_at: string;
  finished_at: string;
  /** Data rows read (the header not counted). */
  rows_read: number;
  rows_rejected: number;
  /** Voters new to the registry. */
  inserted: number;
  /** Voters already there, rewritten from this file. */
  updated: number;
  /** Voters already there and not in this file: kept as they were. */
  absent: number;
  /** Voters of the election after the import. */
  total: number;
}

export type RegistryDb = Kysely<Database & RegistryTables>;

export function registryDb(db: Kysely<Database>): RegistryDb {
  return db.withTables<RegistryTables>();
}
