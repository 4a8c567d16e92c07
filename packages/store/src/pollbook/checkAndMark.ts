import type { EligibilityRefusal, NationalCode, RegistryVoter } from '@sandogh/core';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import {
  CardMinter,
  cardRow,
  cardTokenHash,
  insertCards,
  issuedCard,
  type IssuedCard,
} from './cards.js';
import { chunks, registryVoters, verdictFor, type PollbookElection } from './election.js';
import type { CheckInStatements, ExistingMark } from './statements.js';
import { pollbookDb, type PollbookMarkTable } from './tables.js';
import { shuffled, turnoutRows, writeTurnout } from './turnout.js';

/**
 * Check-and-mark (issue 4, law 1): is this person eligible here, not yet marked — then mark
 * them and issue a ballot card, all in one transaction. Many requests share one transaction
 * (group commit, see pollBook.ts): each is answered only after that transaction commits, so
 * every acknowledged mark is durable.
 *
 * "At most one mark per national code" rests on the primary key of `pollbook_marks`, written
 * with INSERT … ON CONFLICT DO NOTHING: whichever transaction inserts first wins, and every
 * other, in this process or another HQ process on the same database, inserts nothing and
 * reads the winner back. Codes are inserted in sorted order so that two batches racing on
 * PostgreSQL take their row locks in the same order and cannot deadlock.
 */

export interface CheckInRequest {
  readonly nationalCode: NationalCode;
  readonly branchId: string;
  /** The authentication device that asked. */
  readonly deviceSerial: string;
  /** The signed device message's id: a retry of the same message is answered the same way. */
  readonly messageId: string;
}

export type CheckInOutcome =
  | {
      readonly kind: 'marked';
      readonly card: IssuedCard;
      readonly markedAt: string;
      readonly replay: boolean;
    }
  | { readonly kind: 'already-voted'; readonly branchId: string; readonly markedAt: string }
  | { readonly kind: 'not-in-registry' }
  | {
      readonly kind: 'ineligible';
      readonly refusal: EligibilityRefusal;
      readonly voter: RegistryVoter;
    }
  | { readonly kind: 'no-voting-device' };

export async function existingMarks(
  db: Kysely<Database>,
  electionId: string,
  codes: readonly string[],
): Promise<Map<string, ExistingMark>> {
  const found = new Map<string, ExistingMark>();
  for (const part of chunks(codes)) {
    const rows = await pollbookDb(db)
      .selectFrom('pollbook_marks')
      .select(['national_code', 'branch_id', 'marked_at', 'message_id'])
      .where('election_id', '=', electionId)
      .where('national_code', 'in', part)
      .execute();
    for (const r of rows)
      found.set(r.national_code, {
        branchId: r.branch_id,
        markedAt: r.marked_at,
        messageId: r.message_id,
      });
  }
  return found;
}

/** The voting device each branch's cards are bound to (an active, not retired one). */
export async function votingDevices(
  db: Kysely<Database>,
  electionId: string,
  branchIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('devices')
    .select(['serial', 'branch_id'])
    .where('election_id', '=', electionId)
    .where('kind', '=', 'voting')
    .where('status', '<>', 'retired')
    .where('status', '<>', 'faulty')
    .where('branch_id', 'in', [...branchIds])
    .orderBy('position')
    .execute();
  const out = new Map<string, string>();
  for (const r of rows)
    if (r.branch_id !== null && !out.has(r.branch_id)) out.set(r.branch_id, r.serial);
  return out;
}

/** Inserts marks; returns how many were inserted (the rest lost to an earlier mark). */
export function insertMarks(
  db: Kysely<Database>,
  rows: readonly PollbookMarkTable[],
): Promise<number> {
  return builtStatements.insertMarks(db, byCode(rows));
}

/** Sorted by national code: racing batches take their row locks in one order (no deadlock). */
function byCode(rows: readonly PollbookMarkTable[]): PollbookMarkTable[] {
  return [...rows].sort((a, b) => (a.national_code < b.national_code ? -1 : 1));
}

/**
 * The statements through Kysely's builders: what offline decisions and reissues use, and the
 * check-and-mark's reference (statements.ts writes the same SQL out once for the hot path).
 */
export const builtStatements: CheckInStatements = {
  voters: registryVoters,
  marks: existingMarks,
  votingDevices,
  insertMarks: async (trx, rows) => {
    let inserted = 0;
    for (const part of chunks(rows)) {
      const done = await pollbookDb(trx)
        .insertInto('pollbook_marks')
        .values(part)
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      inserted += Number(done.numInsertedOrUpdatedRows ?? 0n);
    }
    return inserted;
  },
  insertCards: async (trx, rows) => {
    for (const part of chunks(rows))
      await pollbookDb(trx)
        .insertInto('pollbook_cards')
        .values(part)
        .onConflict((oc) => oc.doNothing())
        .execute();
  },
  addTurnout: writeTurnout,
};

/**
 * Decides and applies a batch of check-ins inside the caller's transaction; answers in the
 * requests' order. Within a batch, requests are taken in arrival order: the first for a code
 * wins, the rest are "already voted" — exactly as if each had been its own transaction.
 */
export async function checkAndMarkIn(
  trx: Kysely<Database>,
  election: PollbookElection,
  minter: CardMinter,
  requests: readonly CheckInRequest[],
  now: Date,
  statements: CheckInStatements = builtStatements,
): Promise<CheckInOutcome[]> {
  const { electionId } = election;
  const codes = [...new Set(requests.map((r) => r.nationalCode))];
  const branches = [...new Set(requests.map((r) => r.branchId))];
  const [voters, marks, devices] = [
    await statements.voters(trx, electionId, codes),
    await statements.marks(trx, electionId, codes),
    await statements.votingDevices(trx, electionId, branches),
  ];
  const markedAt = now.toISOString();
  const nowMs = now.getTime();
  const outcomes: CheckInOutcome[] = [];
  const newMarks = new Map<string, { row: PollbookMarkTable; card: IssuedCard; index: number }>();
  const replays: { index: number; card: IssuedCard; branchId: string; code: string }[] = [];

  for (const [index, request] of requests.entries()) {
    const code = request.nationalCode;
    const earlier = marks.get(code);
    if (earlier !== undefined) {
      const device = devices.get(earlier.branchId);
      // A retry is the very same message: same id, from the same branch.
      if (
        earlier.messageId === request.messageId &&
        earlier.branchId === request.branchId &&
        device !== undefined
      ) {
        const token = minter.tokenFor(
          electionId,
          request.messageId,
          code,
          Date.parse(earlier.markedAt),
        );
        const card = issuedCard(token, device);
        outcomes.push({ kind: 'marked', card, markedAt: earlier.markedAt, replay: true });
        replays.push({ index, card, branchId: earlier.branchId, code });
      } else {
        outcomes.push({
          kind: 'already-voted',
          branchId: earlier.branchId,
          markedAt: earlier.markedAt,
        });
      }
      continue;
    }
    const verdict = verdictFor(voters.get(code), election);
    if (verdict.kind !== 'eligible') {
      outcomes.push(verdict);
      continue;
    }
    const device = devices.get(request.branchId);
    if (device === undefined) {
      outcomes.push({ kind: 'no-voting-device' });
      continue;
    }
    const card = issuedCard(minter.tokenFor(electionId, request.messageId, code, nowMs), device);
    const row: PollbookMarkTable = {
      election_id: electionId,
      national_code: code,
      branch_id: request.branchId,
      marked_at: markedAt,
      mode: 'online',
      decision: null,
      message_id: request.messageId,
      cards_issued: 1,
    };
    newMarks.set(code, { row, card, index });
    marks.set(code, { branchId: request.branchId, markedAt, messageId: request.messageId });
    outcomes.push({ kind: 'marked', card, markedAt, replay: false });
  }

  const rows = byCode([...newMarks.values()].map((m) => m.row));
  const inserted = await statements.insertMarks(trx, rows);
  if (inserted < rows.length) {
    // Another transaction (another HQ process) marked some of these first: read the winners.
    const winners = await statements.marks(
      trx,
      electionId,
      rows.map((r) => r.national_code),
    );
    for (const [code, mine] of newMarks) {
      const winner = winners.get(code);
      if (winner === undefined || winner.messageId === mine.row.message_id) continue;
      outcomes[mine.index] = {
        kind: 'already-voted',
        branchId: winner.branchId,
        markedAt: winner.markedAt,
      };
      newMarks.delete(code);
    }
  }
  // Shuffled: on PostgreSQL a heap keeps rows roughly in insertion order (law 2, cards.ts).
  await statements.insertCards(
    trx,
    shuffled([...newMarks.values()].map((m) => cardRow(electionId, m.row.branch_id, m.card))),
  );
  await reissueLostReplayCards(trx, electionId, replays);
  await statements.addTurnout(
    trx,
    turnoutRows(
      election,
      [...newMarks.values()].map((m) => ({ branchId: m.row.branch_id, markedAt })),
    ),
  );
  return outcomes;
}

/**
 * A retried message whose card is not in the table: the process that first answered it has
 * restarted since, so the card key differs and this is a second card for one mark — counted on
 * the mark (cards_issued) so that reconciliation still balances (law 5).
 */
async function reissueLostReplayCards(
  trx: Kysely<Database>,
  electionId: string,
  replays: readonly { card: IssuedCard; branchId: string; code: string }[],
): Promise<void> {
  if (replays.length === 0) return;
  const pdb = pollbookDb(trx);
  const hashes = replays.map((r) => cardTokenHash(r.card.token));
  const present = new Set<string>();
  for (const part of chunks(hashes)) {
    const rows = await pdb
      .selectFrom('pollbook_cards')
      .select('token_hash')
      .where('election_id', '=', electionId)
      .where('token_hash', 'in', part)
      .execute();
    for (const r of rows) present.add(r.token_hash);
  }
  const lost = replays.filter((r) => !present.has(cardTokenHash(r.card.token)));
  if (lost.length === 0) return;
  await insertCards(
    trx,
    lost.map((r) => cardRow(electionId, r.branchId, r.card)),
  );
  for (const r of lost)
    await pdb
      .updateTable('pollbook_marks')
      .set((eb) => ({ cards_issued: eb('cards_issued', '+', 1) }))
      .where('election_id', '=', electionId)
      .where('national_code', '=', r.code)
      .execute();
}
