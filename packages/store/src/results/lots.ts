import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  canonicalJson,
  commitToLot,
  drawLot,
  err,
  ok,
  openLot,
  problem,
  revealToLot,
  type LotRecord,
  type LotSession,
  type LotTie,
  type Problem,
  type Result,
} from '@sandogh/core';
import { constraintViolation } from '../bulk.js';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { resultsDb } from './tables.js';

/**
 * The lot sessions the HQ keeps (docs/RESULTS.md §4). The rules — commitments before reveals,
 * a reveal must open its commitment, the draw once all revealed — are core's `lot.ts`, applied
 * to the session as stored, inside the transaction that writes the new entry; the primary key
 * (session, kind, member) settles two submissions racing for the same slot.
 */

export interface StoredLot {
  readonly id: string;
  readonly electionId: string;
  readonly session: LotSession;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly record: LotRecord | null;
}

async function loadLot(db: Kysely<Database>, id: string): Promise<StoredLot | undefined> {
  const rdb = resultsDb(db);
  const row = await rdb
    .selectFrom('lot_sessions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const entries = await rdb
    .selectFrom('lot_entries')
    .selectAll()
    .where('session_id', '=', id)
    .orderBy('received_at')
    .orderBy('member_id')
    .execute();
  const session: LotSession = {
    tie: JSON.parse(row.tie) as LotTie,
    minimumMembers: 2,
    commitments: entries
      .filter((e) => e.kind === 'commitment')
      .map((e) => ({ memberId: e.member_id, commitment: e.value })),
    reveals: entries
      .filter((e) => e.kind === 'reveal')
      .map((e) => ({ memberId: e.member_id, value: e.value })),
  };
  return {
    id: row.id,
    electionId: row.election_id,
    session,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    record: row.record === null ? null : (JSON.parse(row.record) as LotRecord),
  };
}

/** The election's open lot session, if any. */
export async function openLotSession(
  db: Kysely<Database>,
  electionId: string,
): Promise<StoredLot | undefined> {
  const row = await resultsDb(db)
    .selectFrom('lot_sessions')
    .select('id')
    .where('election_id', '=', electionId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return row === undefined ? undefined : loadLot(db, row.id);
}

/** Every drawn lot of the election, for the public record. */
export async function drawnLots(db: Kysely<Database>, electionId: string): Promise<LotRecord[]> {
  const rows = await resultsDb(db)
    .selectFrom('lot_sessions')
    .select('record')
    .where('election_id', '=', electionId)
    .where('record', 'is not', null)
    .orderBy('opened_at')
    .execute();
  return rows.flatMap((r) => (r.record === null ? [] : [JSON.parse(r.record) as LotRecord]));
}

/** Opens a lot session for a tie; one open session per election. */
export async function startLot(
  store: Store,
  electionId: string,
  tie: unknown,
  now: Date = new Date(),
): Promise<Result<StoredLot, readonly Problem[]>> {
  const opened = openLot(tie);
  if (!opened.ok) return err(opened.error);
  const id = randomUUID();
  try {
    await resultsDb(store.db)
      .insertInto('lot_sessions')
      .values({
        id,
        election_id: electionId,
        tie: canonicalJson(opened.value.tie),
        opened_at: now.toISOString(),
        closed_at: null,
        record: null,
      })
      .execute();
  } catch (e) {
    if (constraintViolation(e)?.kind === 'unique')
      return err([problem('LOT_TIE_INVALID', { reason: 'a lot session is already open' })]);
    throw e;
  }
  return ok({
    id,
    electionId,
    session: opened.value,
    openedAt: now.toISOString(),
    closedAt: null,
    record: null,
  });
}

/** Records a member's commitment or reveal, as the rules of the lot allow at this point. */
export async function addLotEntry(
  store: Store,
  sessionId: string,
  kind: 'commitment' | 'reveal',
  input: unknown,
  now: Date = new Date(),
): Promise<Result<LotSession, readonly Problem[]>> {
  try {
    return await store.transaction(async (trx) => {
      const lot = await loadLot(trx, sessionId);
      if (lot === undefined || lot.closedAt !== null) return err([problem('LOT_NO_TIE')]);
      const next =
        kind === 'commitment' ? commitToLot(lot.session, input) : revealToLot(lot.session, input);
      if (!next.ok) return err(next.error);
      const entry =
        kind === 'commitment'
          ? next.value.commitments[next.value.commitments.length - 1]
          : next.value.reveals[next.value.reveals.length - 1];
      if (entry === undefined) throw new Error('the lot accepted no entry');
      await resultsDb(trx)
        .insertInto('lot_entries')
        .values({
          session_id: sessionId,
          kind,
          member_id: entry.memberId,
          value: 'commitment' in entry ? entry.commitment : entry.value,
          received_at: now.toISOString(),
        })
        .execute();
      return ok(next.value);
    });
  } catch (e) {
    if (constraintViolation(e)?.kind === 'unique')
      return err([
        problem(kind === 'commitment' ? 'LOT_COMMITMENT_DUPLICATE' : 'LOT_REVEAL_DUPLICATE', {
          member: 'this member',
        }),
      ]);
    throw e;
  }
}

/** Draws the lot once every committed member has revealed, and closes the session. */
export async function drawStoredLot(
  store: Store,
  sessionId: string,
  now: Date = new Date(),
): Promise<Result<LotRecord, readonly Problem[]>> {
  return store.transaction(async (trx) => {
    const lot = await loadLot(trx, sessionId);
    if (lot === undefined || lot.closedAt !== null) return err([problem('LOT_NO_TIE')]);
    const drawn = drawLot(lot.session);
    if (!drawn.ok) return err(drawn.error);
    await resultsDb(trx)
      .updateTable('lot_sessions')
      .set({ closed_at: now.toISOString(), record: canonicalJson(drawn.value) })
      .where('id', '=', sessionId)
      .where('closed_at', 'is', null)
      .execute();
    return ok(drawn.value);
  });
}
