import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { err, ok, problem, type Problem, type Result } from '@sandogh/core';
import { constraintViolation } from '../bulk.js';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import {
  ceremonyDb,
  type ArtefactKind,
  type CeremonyArtefactTable,
  type CeremonyTable,
  type ComplaintVerdictStored,
} from './tables.js';

/**
 * What the HQ keeps of the key ceremony (docs/CEREMONY.md): plain storage with the two
 * guarantees the domain needs from the database — one current ceremony per election, one
 * artefact per (kind, sender, recipient) — both held by constraints, not by a read before the
 * write, so they hold under any concurrency (law 8). The ceremony's rules (what may be
 * submitted when, and the cryptographic checks) live in the HQ's ceremony module.
 */

export interface Ceremony {
  readonly id: string;
  readonly electionId: string;
  readonly manifestHash: string;
  readonly n: number;
  readonly k: number;
  /** RFC 8785 canonical JSON of the crypto manifest. */
  readonly manifest: string;
  readonly openedAt: string;
}

export interface NewCeremony {
  readonly electionId: string;
  readonly manifestHash: string;
  readonly n: number;
  readonly k: number;
  readonly manifest: string;
}

export type OpenOutcome = 'opened' | 'unchanged' | 'replaced';

export interface Artefact {
  readonly kind: ArtefactKind;
  readonly sender: number;
  readonly recipient: number;
  readonly document: string;
  readonly digest: string;
  readonly verdict: ComplaintVerdictStored | null;
  readonly receivedAt: string;
}

export type NewArtefact = Omit<Artefact, 'receivedAt'>;

function ceremonyFromRow(row: CeremonyTable): Ceremony {
  return {
    id: row.id,
    electionId: row.election_id,
    manifestHash: row.manifest_hash,
    n: row.n,
    k: row.k,
    manifest: row.manifest,
    openedAt: row.opened_at,
  };
}

function artefactFromRow(row: CeremonyArtefactTable): Artefact {
  return {
    kind: row.kind,
    sender: row.sender,
    recipient: row.recipient,
    document: row.document,
    digest: row.digest,
    verdict: row.verdict,
    receivedAt: row.received_at,
  };
}

/** The ceremony under way (or finished) for an election; undefined before one is opened. */
export async function currentCeremony(
  db: Kysely<Database>,
  electionId: string,
): Promise<Ceremony | undefined> {
  const row = await ceremonyDb(db)
    .selectFrom('ceremonies')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
  return row === undefined ? undefined : ceremonyFromRow(row);
}

/**
 * Opens the election's key ceremony with a manifest. The same manifest again changes nothing;
 * another replaces the current ceremony only while that one has received nothing, or once a
 * complaint has convicted a member (docs/CRYPTO.md §8.2 step 4: the ceremony is rerun).
 */
export async function openCeremony(
  store: Store,
  next: NewCeremony,
  now: Date = new Date(),
): Promise<Result<{ outcome: OpenOutcome; ceremony: Ceremony }, Problem>> {
  try {
    return await store.transaction(async (trx) => {
      const db = ceremonyDb(trx);
      const current = await currentCeremony(trx, next.electionId);
      if (current?.manifestHash === next.manifestHash)
        return ok({ outcome: 'unchanged' as const, ceremony: current });
      const busy = problem('CEREMONY_ALREADY_OPEN', {
        manifestHash: current?.manifestHash ?? '',
      });
      if (current !== undefined) {
        const artefacts = await db
          .selectFrom('ceremony_artefacts')
          .select(['verdict'])
          .where('ceremony_id', '=', current.id)
          .execute();
        const failed = artefacts.some((a) => a.verdict === 'sender-at-fault');
        if (artefacts.length > 0 && !failed) return err(busy);
        const superseded = await db
          .updateTable('ceremonies')
          .set({ superseded_at: now.toISOString() })
          .where('id', '=', current.id)
          .where('superseded_at', 'is', null)
          .executeTakeFirst();
        if (superseded.numUpdatedRows === 0n) return err(busy);
      }
      const row: CeremonyTable = {
        id: randomUUID(),
        election_id: next.electionId,
        manifest_hash: next.manifestHash,
        n: next.n,
        k: next.k,
        manifest: next.manifest,
        opened_at: now.toISOString(),
        superseded_at: null,
      };
      await db.insertInto('ceremonies').values(row).execute();
      return ok({
        outcome: current === undefined ? ('opened' as const) : ('replaced' as const),
        ceremony: ceremonyFromRow(row),
      });
    });
  } catch (error) {
    // The partial unique index: another request opened a ceremony for this election first.
    if (constraintViolation(error)?.kind === 'unique')
      return err(problem('CEREMONY_ALREADY_OPEN', { manifestHash: '' }));
    throw error;
  }
}

/** Who "made" an artefact, as people name it: the complainer for a complaint. */
function author(a: NewArtefact): number {
  return a.kind === 'complaint' ? a.recipient : a.sender;
}

/**
 * Stores one artefact, atomically (a single INSERT). A second submission for the same slot is
 * refused: CEREMONY_REPLAY when it is byte for byte the stored one, CEREMONY_CONFLICT when it
 * differs (a member may never change what they published).
 */
export async function addArtefact(
  db: Kysely<Database>,
  ceremonyId: string,
  artefact: NewArtefact,
  now: Date = new Date(),
): Promise<Result<Artefact, Problem>> {
  const cdb = ceremonyDb(db);
  const row: CeremonyArtefactTable = {
    ceremony_id: ceremonyId,
    kind: artefact.kind,
    sender: artefact.sender,
    recipient: artefact.recipient,
    document: artefact.document,
    digest: artefact.digest,
    verdict: artefact.verdict,
    received_at: now.toISOString(),
  };
  // ON CONFLICT DO NOTHING (SQLite ≥ 3.24, PostgreSQL, CockroachDB): a second submission for the
  // slot inserts nothing and, unlike a unique violation, leaves a caller's transaction usable.
  const inserted = await cdb
    .insertInto('ceremony_artefacts')
    .values(row)
    .onConflict((oc) => oc.columns(['ceremony_id', 'kind', 'sender', 'recipient']).doNothing())
    .executeTakeFirst();
  if (inserted.numInsertedOrUpdatedRows === 1n) return ok(artefactFromRow(row));
  const existing = await cdb
    .selectFrom('ceremony_artefacts')
    .select(['digest'])
    .where('ceremony_id', '=', ceremonyId)
    .where('kind', '=', artefact.kind)
    .where('sender', '=', artefact.sender)
    .where('recipient', '=', artefact.recipient)
    .executeTakeFirst();
  const details = { kind: artefact.kind, member: author(artefact) };
  return err(
    problem(
      existing?.digest === artefact.digest ? 'CEREMONY_REPLAY' : 'CEREMONY_CONFLICT',
      details,
    ),
  );
}

export interface ArtefactFilter {
  readonly kind?: ArtefactKind;
  readonly sender?: number;
  readonly recipient?: number;
}

/** A ceremony's artefacts in (kind, sender, recipient) order: never in order of arrival. */
export async function listArtefacts(
  db: Kysely<Database>,
  ceremonyId: string,
  filter: ArtefactFilter = {},
): Promise<Artefact[]> {
  let query = ceremonyDb(db)
    .selectFrom('ceremony_artefacts')
    .selectAll()
    .where('ceremony_id', '=', ceremonyId);
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.sender !== undefined) query = query.where('sender', '=', filter.sender);
  if (filter.recipient !== undefined) query = query.where('recipient', '=', filter.recipient);
  const rows = await query.orderBy('kind').orderBy('sender').orderBy('recipient').execute();
  return rows.map(artefactFromRow);
}
