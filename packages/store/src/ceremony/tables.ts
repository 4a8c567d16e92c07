import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

/**
 * The ceremony tables of migration 0004, column by column (types as in database.ts). Kept
 * beside the ceremony code and joined to `Database` with `withTables`, like the audit area's.
 */
// A type alias, not an interface: `withTables` needs a type with an implicit index signature.
export type CeremonyTables = {
  ceremonies: CeremonyTable;
  ceremony_artefacts: CeremonyArtefactTable;
};

export interface CeremonyTable {
  /** Random (DESIGN §9): a rerun with the same manifest is still a new ceremony. */
  id: string;
  election_id: string;
  /** H_M of docs/CRYPTO.md §4.1, hex. */
  manifest_hash: string;
  n: number;
  k: number;
  /** The crypto manifest as RFC 8785 canonical JSON: exactly what H_M is computed over. */
  manifest: string;
  opened_at: string;
  /** Set when a later ceremony replaced this one (after a conviction); null while current. */
  superseded_at: string | null;
}

/** `commitment` and `partial`: migration 0010 (the commit round, the partial decryptions). */
export type ArtefactKind = 'announcement' | 'share' | 'complaint' | 'commitment' | 'partial';

/** What judging a complaint found (docs/CRYPTO.md §8.3); an invalid complaint is never stored. */
export type ComplaintVerdictStored = 'sender-at-fault' | 'complaint-unfounded';

export interface CeremonyArtefactTable {
  ceremony_id: string;
  kind: ArtefactKind;
  /** The member who made it: announcer, share sender, or the sender a complaint accuses. */
  sender: number;
  /** The member it is addressed to (share) or who complains (complaint); 0 for the rest. */
  recipient: number;
  /** RFC 8785 canonical JSON of the artefact. */
  document: string;
  /** SHA-256 (hex) of `document`: tells a replay from a conflicting second submission. */
  digest: string;
  verdict: ComplaintVerdictStored | null;
  received_at: string;
}

export type CeremonyDb = Kysely<Database & CeremonyTables>;

export function ceremonyDb(db: Kysely<Database>): CeremonyDb {
  return db.withTables<CeremonyTables>();
}
