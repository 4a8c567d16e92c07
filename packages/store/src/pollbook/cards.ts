import { createHash, createHmac, randomBytes } from 'node:crypto';
import {
  CARD_LIFETIME_MS,
  cardTokenExpiry,
  err,
  ok,
  problem,
  type BallotCardToken,
  type DeviceKind,
  type Problem,
  type Result,
} from '@sandogh/core';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { pollbookDb, type CardState, type PollbookCardTable } from './tables.js';
import { shuffled } from './turnout.js';

/**
 * Ballot cards (کارت تعرفه; issue 4, laws 2 and 5). A card is a random single-use token bound
 * to one branch and its voting device, valid for CARD_LIFETIME_MS. HQ keeps only SHA-256 of
 * the token, in a table of its own with no national code, no exact instant (the expiry is
 * rounded up to the quarter hour; the exact one rides inside the token) and no insertion
 * order (docs/POLLBOOK.md): nothing joins a card back to the mark that issued it.
 */

/** A card as the station receives it. */
export interface IssuedCard {
  readonly token: BallotCardToken;
  /** The voting device it is bound to. */
  readonly device: string;
  readonly expiresAt: string;
}

const WINDOW_MS = 15 * 60 * 1000;

export function cardTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The expiry rounded up to the quarter hour: all the card table knows of time. */
export function expiryWindow(expiresAtMs: number): string {
  return new Date(Math.ceil(expiresAtMs / WINDOW_MS) * WINDOW_MS).toISOString();
}

function tokenWith(random: string, expiresAtMs: number): BallotCardToken {
  return `${random}.${String(Math.floor(expiresAtMs / 1000)).padStart(10, '0')}`;
}

/** A fresh card for an override or a reissue: 192 random bits (crypto.randomBytes). */
export function freshCardToken(nowMs: number): BallotCardToken {
  return tokenWith(randomBytes(24).toString('hex'), nowMs + CARD_LIFETIME_MS);
}

/**
 * The card of a check-in, derived from the device message id with a key that lives only in
 * this process's memory: a retried message gets the very same card (idempotency), yet nothing
 * stored — not even with the database and the message ids — can recompute a card from a mark
 * once the process is gone (law 2). The expiry comes from the mark's own instant.
 */
export class CardMinter {
  readonly #key = randomBytes(32);

  tokenFor(
    electionId: string,
    messageId: string,
    nationalCode: string,
    markedAtMs: number,
  ): BallotCardToken {
    // The code too: a device that reused a message id for two voters still gets two cards.
    const random = createHmac('sha256', this.#key)
      .update(`${electionId}\u0000${messageId}\u0000${nationalCode}`, 'utf8')
      .digest('hex')
      .slice(0, 48);
    return tokenWith(random, markedAtMs + CARD_LIFETIME_MS);
  }
}

export function issuedCard(token: BallotCardToken, device: string): IssuedCard {
  return { token, device, expiresAt: new Date(cardTokenExpiry(token)).toISOString() };
}

export function cardRow(electionId: string, branchId: string, card: IssuedCard): PollbookCardTable {
  return {
    election_id: electionId,
    token_hash: cardTokenHash(card.token),
    branch_id: branchId,
    device_serial: card.device,
    expires_window: expiryWindow(cardTokenExpiry(card.token)),
    state: 'active',
  };
}

/**
 * Inserts cards in a shuffled order: on PostgreSQL a heap keeps rows roughly in insertion
 * order, so a batch's cards must not follow its marks' order (law 2, docs/POLLBOOK.md).
 */
export async function insertCards(
  db: Kysely<Database>,
  rows: readonly PollbookCardTable[],
): Promise<void> {
  if (rows.length === 0) return;
  await pollbookDb(db)
    .insertInto('pollbook_cards')
    .values(shuffled(rows))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The device reporting a card's fate: who it is and where. */
export interface CardReporter {
  readonly serial: string;
  readonly kind: DeviceKind;
  readonly branchId: string;
}

export type CardOutcome = 'recorded' | 'unchanged';

/**
 * Records a card as used (by the voting device it is bound to, once) or abandoned (the voter
 * walked away; by either device of its branch, or — after `used` — by the voting device that
 * used it, when the voter left it without casting). A replay of the same report answers
 * `unchanged`; a used, abandoned or expired card is refused, and a refusal writes nothing
 * (law 8). The UPDATE is conditional on the card still being active, so two reports racing
 * cannot both win.
 */
export async function settleCard(
  store: Store,
  electionId: string,
  token: BallotCardToken,
  state: 'used' | 'abandoned',
  reporter: CardReporter,
  nowMs: number,
): Promise<Result<CardOutcome, Problem>> {
  const db = pollbookDb(store.db);
  const hash = cardTokenHash(token);
  const card = await db
    .selectFrom('pollbook_cards')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('token_hash', '=', hash)
    .executeTakeFirst();
  if (card === undefined) return err(problem('POLLBOOK_CARD_UNKNOWN'));
  if (card.branch_id !== reporter.branchId) return err(problem('POLLBOOK_CARD_WRONG_DEVICE'));
  if (state === 'used' && (reporter.kind !== 'voting' || reporter.serial !== card.device_serial))
    return err(
      reporter.kind === 'voting'
        ? problem('POLLBOOK_CARD_WRONG_DEVICE')
        : problem('POLLBOOK_CARD_STATE_NOT_ALLOWED', { kind: reporter.kind, state }),
    );
  if (card.state === state) return ok('unchanged');
  // The voter took the card to the voting device (used), then left without casting: that
  // device alone may say so, and the card counts as abandoned, not cast (law 5).
  const leftAtDevice =
    state === 'abandoned' &&
    card.state === 'used' &&
    reporter.kind === 'voting' &&
    reporter.serial === card.device_serial;
  if (card.state !== 'active' && !leftAtDevice)
    return err(problem('POLLBOOK_CARD_SETTLED', { state: card.state }));
  if (state === 'used' && nowMs > cardTokenExpiry(token))
    return err(problem('POLLBOOK_CARD_EXPIRED'));
  const moved = await db
    .updateTable('pollbook_cards')
    .set({ state })
    .where('election_id', '=', electionId)
    .where('token_hash', '=', hash)
    .where('state', '=', leftAtDevice ? 'used' : 'active')
    .executeTakeFirst();
  if (moved.numUpdatedRows === 1n) return ok('recorded');
  return settleCard(store, electionId, token, state, reporter, nowMs);
}

/**
 * Active cards whose quarter-hour window has passed are expired (their exact expiry, inside
 * the token, passed before): counted apart for reconciliation (law 5).
 */
export async function expireCards(
  store: Store,
  electionId: string,
  nowMs: number,
): Promise<number> {
  const moved = await pollbookDb(store.db)
    .updateTable('pollbook_cards')
    .set({ state: 'expired' })
    .where('election_id', '=', electionId)
    .where('state', '=', 'active')
    .where('expires_window', '<=', new Date(nowMs).toISOString())
    .executeTakeFirst();
  return Number(moved.numUpdatedRows);
}

export type CardCounts = Readonly<Record<CardState, number>>;

/** Cards per branch and state: the card side of a branch's reconciliation (law 5). */
export async function cardCounts(
  store: Store,
  electionId: string,
): Promise<Map<string, CardCounts>> {
  const rows = await pollbookDb(store.db)
    .selectFrom('pollbook_cards')
    .select(['branch_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('election_id', '=', electionId)
    .groupBy(['branch_id', 'state'])
    .execute();
  const out = new Map<string, Record<CardState, number>>();
  for (const row of rows) {
    const counts = out.get(row.branch_id) ?? { active: 0, used: 0, abandoned: 0, expired: 0 };
    counts[row.state] = row.n;
    out.set(row.branch_id, counts);
  }
  return out;
}
