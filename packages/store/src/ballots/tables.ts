import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

/**
 * The tables of migration 0007 (issue 5), column by column, joined to `Database` with
 * `withTables` like the ceremony's.
 */
// A type alias, not an interface: `withTables` needs a type with an implicit index signature.
export type StationTables = {
  ballots: BallotTable;
  device_messages: DeviceMessageTable;
  branch_lifecycles: BranchLifecycleTable;
};

/** One cast, encrypted ballot: keyed by its tracking code, nothing that joins it to a voter. */
export interface BallotTable {
  election_id: string;
  /** docs/CRYPTO.md §7.3, 64 hex: the ballot's identity. */
  tracking_code: string;
  branch_id: string;
  /** The branch's day, YYYY-MM-DD: the finest time a ballot carries (law 2). */
  day: string;
  /** The EncryptedBallot as RFC 8785 canonical JSON. */
  document: string;
}

/** A device message already applied (exactly once, law 3). */
export interface DeviceMessageTable {
  election_id: string;
  message_id: string;
  device_serial: string;
  branch_id: string;
  kind: string;
  digest: string;
  day: string;
  ballot_count: number;
}

export interface BranchLifecycleTable {
  election_id: string;
  branch_id: string;
  phase: string;
  state: string;
  version: number;
  updated_at: string;
}

export type StationDb = Kysely<Database & StationTables>;

export function stationDb(db: Kysely<Database>): StationDb {
  return db.withTables<StationTables>();
}
