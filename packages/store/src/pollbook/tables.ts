import type { Kysely } from 'kysely';
import type { Database, Flag } from '../database.js';

/**
 * The poll book's tables of migration 0006 (issue 4, docs/POLLBOOK.md), column by column
 * (types as in database.ts), joined to `Database` with `withTables` like the audit area's.
 * `registry_voters` belongs to the registry (migration 0005): only the columns check-and-mark
 * reads are declared here, read-only.
 */
// A type alias, not an interface: `withTables` needs a type with an implicit index signature.
export type PollbookTables = {
  pollbook_marks: PollbookMarkTable;
  pollbook_cards: PollbookCardTable;
  pollbook_provisional: PollbookProvisionalTable;
  pollbook_turnout: PollbookTurnoutTable;
  registry_voters: RegistryVoterColumns;
};

export type MarkMode = 'online' | 'provisional';
/** A provisional mark is stored only once confirmed; see docs/POLLBOOK.md "Offline rule". */
export type MarkDecision = 'confirmed';

/**
 * One row per voter who voted (law 1): the primary key (election, national code) is what makes
 * a second mark impossible, whatever the concurrency. No card, handle or ballot column (law 2).
 */
export interface PollbookMarkTable {
  election_id: string;
  national_code: string;
  branch_id: string;
  /** UTC ISO instant: HQ's clock online, the station's for a confirmed offline mark. */
  marked_at: string;
  mode: MarkMode;
  decision: MarkDecision | null;
  /** The device message that made the mark: a retry of it is recognised (idempotency). */
  message_id: string;
  /** Cards issued for this mark: 1, plus one per override or reissue (law 5 reconciliation). */
  cards_issued: number;
}

export type CardState = 'active' | 'used' | 'abandoned' | 'expired';

/**
 * A ballot card (کارت تعرفه), keyed by SHA-256 of its token: never beside the national code,
 * with no instant finer than a quarter hour and no insertion order (law 2, docs/POLLBOOK.md).
 */
export interface PollbookCardTable {
  election_id: string;
  token_hash: string;
  branch_id: string;
  /** The voting device the card is bound to. */
  device_serial: string;
  /** The card's expiry rounded up to the quarter hour: after it, an active card has expired. */
  expires_window: string;
  state: CardState;
}

export type ProvisionalDecision = 'confirmed' | 'rejected';

/**
 * The decision on one provisional ballot, by the random handle the voting device attached to
 * it. Never the national code: the handle–voter link lives only in the message being decided
 * (law 1). A rejected handle's ballot is excluded without being decrypted.
 */
export interface PollbookProvisionalTable {
  election_id: string;
  handle: string;
  branch_id: string;
  decision: ProvisionalDecision;
  /** Why it was rejected: a problem code (POLLBOOK_ALREADY_VOTED, VOTER_*); null if confirmed. */
  reason: string | null;
  /** For an "already voted" rejection: where and when the earlier mark was made. */
  earlier_branch_id: string | null;
  earlier_at: string | null;
  decided_at: string;
}

/** Marks counted per branch and Tehran civil hour (`YYYY-MM-DDTHH`), kept as marks commit. */
export interface PollbookTurnoutTable {
  election_id: string;
  branch_id: string;
  hour: string;
  voters: number;
}

export interface RegistryVoterColumns {
  election_id: string;
  national_code: string;
  birth_date: string;
  deceased: Flag;
  death_date: string | null;
  citizen: Flag;
  round1_constituency: string | null;
}

export type PollbookDb = Kysely<Database & PollbookTables>;

export function pollbookDb(db: Kysely<Database>): PollbookDb {
  return db.withTables<PollbookTables>();
}
