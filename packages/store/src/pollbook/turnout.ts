import { randomBytes } from 'node:crypto';
import { civilHour } from '@sandogh/core';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import type { PollbookElection } from './election.js';
import { pollbookDb, type PollbookTurnoutTable } from './tables.js';

/**
 * Live turnout (issue 4): voters marked per branch and civil hour, counted as marks commit —
 * one upsert per (branch, hour) per batch, in the marks' own transaction — so a dashboard
 * reads a few thousand counter rows, never millions of marks (docs/SCALE.md: read replicas).
 * Counts only: no voter, no order.
 */

export async function addTurnout(
  trx: Kysely<Database>,
  election: PollbookElection,
  marks: readonly { readonly branchId: string; readonly markedAt: string }[],
): Promise<void> {
  await writeTurnout(trx, turnoutRows(election, marks));
}

/**
 * The counters a batch of marks adds to, one per (branch, hour), sorted so that concurrent
 * batches lock counter rows in one order (no deadlock).
 */
export function turnoutRows(
  election: PollbookElection,
  marks: readonly { readonly branchId: string; readonly markedAt: string }[],
): PollbookTurnoutTable[] {
  const counts = new Map<string, { branchId: string; hour: string; voters: number }>();
  const hours = new Map<string, string>();
  for (const m of marks) {
    // Instants of one batch share their minute; Intl formatting is the costly part.
    const minute = m.markedAt.slice(0, 16);
    let hour = hours.get(minute);
    if (hour === undefined) {
      hour = civilHour(m.markedAt, election.timeZone);
      hours.set(minute, hour);
    }
    const key = `${m.branchId}\u0000${hour}`;
    const found = counts.get(key);
    if (found === undefined) counts.set(key, { branchId: m.branchId, hour, voters: 1 });
    else found.voters += 1;
  }
  return [...counts.values()]
    .sort((a, b) =>
      a.branchId === b.branchId ? (a.hour < b.hour ? -1 : 1) : a.branchId < b.branchId ? -1 : 1,
    )
    .map((c) => ({
      election_id: election.electionId,
      branch_id: c.branchId,
      hour: c.hour,
      voters: c.voters,
    }));
}

/** Adds counter rows (turnoutRows) with one upsert. */
export async function writeTurnout(
  trx: Kysely<Database>,
  rows: readonly PollbookTurnoutTable[],
): Promise<void> {
  if (rows.length === 0) return;
  await pollbookDb(trx)
    .insertInto('pollbook_turnout')
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(['election_id', 'branch_id', 'hour']).doUpdateSet((eb) => ({
        voters: eb('pollbook_turnout.voters', '+', eb.ref('excluded.voters')),
      })),
    )
    .execute();
}

/** A uniformly shuffled copy (Fisher–Yates over crypto-random draws). */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  if (out.length < 2) return out;
  const draws = randomBytes(4 * out.length);
  for (let i = out.length - 1; i > 0; i--) {
    const j = draws.readUInt32BE(4 * i) % (i + 1);
    const a = out[i];
    const b = out[j];
    if (a !== undefined && b !== undefined) {
      out[i] = b;
      out[j] = a;
    }
  }
  return out;
}

export interface TurnoutCell {
  readonly branchId: string;
  readonly zoneId: string;
  readonly zoneHqId: string;
  /** Civil hour `YYYY-MM-DDTHH` in the election's time zone. */
  readonly hour: string;
  readonly voters: number;
}

/** Every non-zero (branch, hour) count, with the branch's zone and zone HQ. */
export async function turnoutCells(store: Store, electionId: string): Promise<TurnoutCell[]> {
  const rows = await pollbookDb(store.db)
    .selectFrom('pollbook_turnout as t')
    .innerJoin('branches as b', (j) =>
      j.onRef('b.election_id', '=', 't.election_id').onRef('b.id', '=', 't.branch_id'),
    )
    .select(['t.branch_id', 'b.zone_id', 'b.zone_hq_id', 't.hour', 't.voters'])
    .where('t.election_id', '=', electionId)
    .orderBy('b.position')
    .orderBy('t.hour')
    .execute();
  return rows.map((r) => ({
    branchId: r.branch_id,
    zoneId: r.zone_id,
    zoneHqId: r.zone_hq_id,
    hour: r.hour,
    voters: r.voters,
  }));
}

export interface MarkCounts {
  readonly marks: number;
  readonly cardsIssued: number;
  readonly provisional: number;
}

/** Marks and cards issued per branch: the voter side of reconciliation (law 5). */
export async function markCounts(
  store: Store,
  electionId: string,
): Promise<Map<string, MarkCounts>> {
  const rows = await pollbookDb(store.db)
    .selectFrom('pollbook_marks')
    .select((eb) => [
      'branch_id',
      eb.fn.countAll<number>().as('marks'),
      // PostgreSQL's sum() of integers is numeric, which node-postgres hands over as text.
      eb.fn.sum<number | string>('cards_issued').as('cards'),
      eb.fn
        .sum<number | string>(eb.case().when('mode', '=', 'provisional').then(1).else(0).end())
        .as('provisional'),
    ])
    .where('election_id', '=', electionId)
    .groupBy('branch_id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.branch_id,
      { marks: r.marks, cardsIssued: Number(r.cards), provisional: Number(r.provisional) },
    ]),
  );
}
