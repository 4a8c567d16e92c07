import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

/** The results tables of migrations 0009 and 0011, column by column (types as in database.ts). */
// A type alias, not an interface: `withTables` needs a type with an implicit index signature.
export type ResultsTables = {
  result_versions: ResultVersionTable;
  lot_sessions: LotSessionTable;
  lot_entries: LotEntryTable;
  rla_audits: RlaAuditTable;
  rla_rounds: RlaRoundTable;
  rla_entries: RlaEntryTable;
  branch_decrypted_counts: BranchDecryptedCountsTable;
  flag_decisions: FlagDecisionTable;
};

export interface ResultVersionTable {
  election_id: string;
  version: number;
  previous_hash: string;
  state: 'partial' | 'provisional' | 'final' | 'certified';
  results_hash: string;
  reason: string;
  /** RFC 8785 JSON of the signers. */
  signers: string;
  created_at: string;
  hash: string;
  /** RFC 8785 JSON of the published result; `results_hash` is its SHA-256. */
  results: string;
}

export interface LotSessionTable {
  /** Random (DESIGN §9). */
  id: string;
  election_id: string;
  /** RFC 8785 JSON of the tie (lot.ts `LotTie`). */
  tie: string;
  opened_at: string;
  closed_at: string | null;
  record: string | null;
}

export interface LotEntryTable {
  session_id: string;
  kind: 'commitment' | 'reveal';
  member_id: string;
  /** The commitment (hex) or the revealed value (hex). */
  value: string;
  received_at: string;
}

export interface RlaAuditTable {
  /** Random (DESIGN §9). */
  id: string;
  election_id: string;
  /** RFC 8785 JSON of the parsed parameters (bravo.ts `RlaParameters`). */
  parameters: string;
  seed: string;
  /** RFC 8785 JSON of the reported contest. */
  reported: string;
  /** RFC 8785 JSON of the ballot manifest. */
  manifest: string;
  started_at: string;
  closed_at: string | null;
  /** RFC 8785 JSON of the final decision (stop or full hand count). */
  decision: string | null;
}

export interface RlaRoundTable {
  audit_id: string;
  round: number;
  draws: number;
  created_at: string;
  outcome: string | null;
}

export interface RlaEntryTable {
  audit_id: string;
  branch_id: string;
  position: number;
  look: 'first' | 'second' | 'third';
  marks: string;
  entered_by: string;
  entered_at: string;
}

/** A branch's decrypted counts (migration 0011), as the record's decryption/branches.json. */
export interface BranchDecryptedCountsTable {
  election_id: string;
  branch_id: string;
  ballot_count: number;
  /** RFC 8785 JSON: [{code, votes}] in the definition's candidate order. */
  counts: string;
  digest: string;
  stored_by: string;
  stored_at: string;
}

/** A supervisor's decision on a reconciliation flag (migration 0011); never updated. */
export interface FlagDecisionTable {
  election_id: string;
  branch_id: string;
  code: string;
  /** '' for the rules that have one flag per branch. */
  field: string;
  sequence: number;
  decision: 'explained' | 'recount-ordered' | 'excluded-by-board';
  reason: string;
  numbers: string;
  decided_by: string;
  decided_at: string;
}

export type ResultsDb = Kysely<Database & ResultsTables>;

export function resultsDb(db: Kysely<Database>): ResultsDb {
  return db.withTables<ResultsTables>();
}
