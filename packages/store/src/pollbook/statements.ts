import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import type { NationalCode, RegistryVoter } from '@sandogh/core';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { chunks } from './election.js';
import type {
  PollbookCardTable,
  PollbookMarkTable,
  PollbookTurnoutTable,
  RegistryVoterColumns,
} from './tables.js';

/**
 * The check-and-mark's statements on its hot path (issue 4, DESIGN §7: ≥ 0.5 of the raw
 * engine). The same SQL as the Kysely builders beside them (docs/SCALE.md "Every poll-book
 * query"), written out once instead of built per batch — building and compiling them was a
 * third of the HQ's time under load:
 * - SQLite: better-sqlite3 statements prepared once and run row by row inside the batch's
 *   transaction. SQLite runs in this process, so a statement per row costs no round trip, and
 *   one prepared statement serves every batch size (a multi-row statement would be prepared
 *   anew for each size).
 * - PostgreSQL (and PostgreSQL-compatible engines): one multi-row statement per table per
 *   batch, as the round trips cost; its text is made once per batch size and kept, and runs
 *   through the transaction's own Kysely connection.
 * Every statement is the portable one of docs/SCALE.md: key lookups, INSERT … ON CONFLICT,
 * no RETURNING, no locking reads.
 */

export interface ExistingMark {
  readonly branchId: string;
  readonly markedAt: string;
  readonly messageId: string;
}

export interface CheckInStatements {
  voters(
    trx: Kysely<Database>,
    electionId: string,
    codes: readonly string[],
  ): Promise<Map<string, RegistryVoter>>;
  marks(
    trx: Kysely<Database>,
    electionId: string,
    codes: readonly string[],
  ): Promise<Map<string, ExistingMark>>;
  /** The first in-service voting device of each branch, by position. */
  votingDevices(
    trx: Kysely<Database>,
    electionId: string,
    branchIds: readonly string[],
  ): Promise<Map<string, string>>;
  /** Inserts marks in the order given; returns how many were inserted. */
  insertMarks(trx: Kysely<Database>, rows: readonly PollbookMarkTable[]): Promise<number>;
  /** Inserts cards in the order given. */
  insertCards(trx: Kysely<Database>, rows: readonly PollbookCardTable[]): Promise<void>;
  /** Adds to the turnout counters, in the order given. */
  addTurnout(trx: Kysely<Database>, rows: readonly PollbookTurnoutTable[]): Promise<void>;
}

const VOTER_COLUMNS =
  'election_id, national_code, birth_date, deceased, death_date, citizen, round1_constituency';
const MARK_COLUMNS = 'national_code, branch_id, marked_at, message_id';
const DEVICE_QUERY =
  "select serial, branch_id from devices where election_id = $1 and kind = 'voting' and status <> 'retired' and status <> 'faulty' and branch_id in";
const MARK_INSERT =
  'insert into pollbook_marks (election_id, national_code, branch_id, marked_at, mode, decision, message_id, cards_issued) values';
const CARD_INSERT =
  'insert into pollbook_cards (election_id, token_hash, branch_id, device_serial, expires_window, state) values';
const TURNOUT_INSERT = 'insert into pollbook_turnout (election_id, branch_id, hour, voters) values';
const TURNOUT_CONFLICT =
  'on conflict (election_id, branch_id, hour) do update set voters = pollbook_turnout.voters + excluded.voters';

export function voterFromRow(row: RegistryVoterColumns): RegistryVoter {
  return {
    nationalCode: row.national_code as NationalCode,
    birthDate: row.birth_date,
    deceased: row.deceased === 1,
    deathDate: row.death_date,
    citizen: row.citizen === 1,
    round1Constituency: row.round1_constituency,
  };
}

interface MarkRow {
  national_code: string;
  branch_id: string;
  marked_at: string;
  message_id: string;
}

const markOf = (r: MarkRow): ExistingMark => ({
  branchId: r.branch_id,
  markedAt: r.marked_at,
  messageId: r.message_id,
});

const markValues = (r: PollbookMarkTable) => [
  r.election_id,
  r.national_code,
  r.branch_id,
  r.marked_at,
  r.mode,
  r.decision,
  r.message_id,
  r.cards_issued,
];
const cardValues = (r: PollbookCardTable) => [
  r.election_id,
  r.token_hash,
  r.branch_id,
  r.device_serial,
  r.expires_window,
  r.state,
];
const turnoutValues = (r: PollbookTurnoutTable) => [r.election_id, r.branch_id, r.hour, r.voters];

/** `($1, …, $w), ($w+1, …), …` for `rows` rows of `width` columns, from `$first`. */
function placeholders(rows: number, width: number, first = 1): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < width; c++) row.push(`$${String(first + r * width + c)}`);
    out.push(`(${row.join(', ')})`);
  }
  return out.join(', ');
}

/** Statement texts by (kind, size), made once. At most KEYS_PER_STATEMENT sizes per kind. */
class Texts {
  readonly #made = new Map<string, string>();
  get(kind: string, size: number, make: (size: number) => string): string {
    const key = `${kind}:${String(size)}`;
    let text = this.#made.get(key);
    if (text === undefined) {
      text = make(size);
      this.#made.set(key, text);
    }
    return text;
  }
}

function postgresStatements(): CheckInStatements {
  const texts = new Texts();
  async function rows<R>(trx: Kysely<Database>, text: string, params: unknown[]): Promise<R[]> {
    const result = await trx.executeQuery<R>(CompiledQuery.raw(text, params));
    return result.rows;
  }
  async function run(trx: Kysely<Database>, text: string, params: unknown[]): Promise<number> {
    const result = await trx.executeQuery(CompiledQuery.raw(text, params));
    return Number(result.numAffectedRows ?? 0n);
  }
  const inList = (n: number) => placeholders(1, n, 2);
  return {
    async voters(trx, electionId, codes) {
      const found = new Map<string, RegistryVoter>();
      for (const part of chunks(codes)) {
        const text = texts.get(
          'voters',
          part.length,
          (n) =>
            `select ${VOTER_COLUMNS} from registry_voters where election_id = $1 and national_code in ${inList(n)}`,
        );
        for (const r of await rows<RegistryVoterColumns>(trx, text, [electionId, ...part]))
          found.set(r.national_code, voterFromRow(r));
      }
      return found;
    },
    async marks(trx, electionId, codes) {
      const found = new Map<string, ExistingMark>();
      for (const part of chunks(codes)) {
        const text = texts.get(
          'marks',
          part.length,
          (n) =>
            `select ${MARK_COLUMNS} from pollbook_marks where election_id = $1 and national_code in ${inList(n)}`,
        );
        for (const r of await rows<MarkRow>(trx, text, [electionId, ...part]))
          found.set(r.national_code, markOf(r));
      }
      return found;
    },
    async votingDevices(trx, electionId, branchIds) {
      const out = new Map<string, string>();
      for (const part of chunks(branchIds)) {
        const text = texts.get(
          'devices',
          part.length,
          (n) => `${DEVICE_QUERY} ${inList(n)} order by position`,
        );
        const found = await rows<{ serial: string; branch_id: string | null }>(trx, text, [
          electionId,
          ...part,
        ]);
        for (const r of found)
          if (r.branch_id !== null && !out.has(r.branch_id)) out.set(r.branch_id, r.serial);
      }
      return out;
    },
    async insertMarks(trx, marks) {
      let inserted = 0;
      for (const part of chunks(marks)) {
        const text = texts.get(
          'insertMarks',
          part.length,
          (n) => `${MARK_INSERT} ${placeholders(n, 8)} on conflict do nothing`,
        );
        inserted += await run(trx, text, part.flatMap(markValues));
      }
      return inserted;
    },
    async insertCards(trx, cards) {
      for (const part of chunks(cards)) {
        const text = texts.get(
          'insertCards',
          part.length,
          (n) => `${CARD_INSERT} ${placeholders(n, 6)} on conflict do nothing`,
        );
        await run(trx, text, part.flatMap(cardValues));
      }
    },
    async addTurnout(trx, counters) {
      for (const part of chunks(counters)) {
        const text = texts.get(
          'turnout',
          part.length,
          (n) => `${TURNOUT_INSERT} ${placeholders(n, 4)} ${TURNOUT_CONFLICT}`,
        );
        await run(trx, text, part.flatMap(turnoutValues));
      }
    },
  };
}

/** SQLite's anonymous parameters for the same texts (each statement binds them in order). */
const sqliteText = (text: string) => text.replace(/\$\d+/g, '?');

function sqliteStatements(db: BetterSqlite3.Database): CheckInStatements {
  const prepare = (text: string) => db.prepare(sqliteText(text));
  const voter = prepare(
    `select ${VOTER_COLUMNS} from registry_voters where election_id = $1 and national_code = $2`,
  );
  const mark = prepare(
    `select ${MARK_COLUMNS} from pollbook_marks where election_id = $1 and national_code = $2`,
  );
  const device = prepare(`${DEVICE_QUERY} ($2) order by position limit 1`);
  const insertMark = prepare(`${MARK_INSERT} ${placeholders(1, 8)} on conflict do nothing`);
  const insertCard = prepare(`${CARD_INSERT} ${placeholders(1, 6)} on conflict do nothing`);
  const turnout = prepare(`${TURNOUT_INSERT} ${placeholders(1, 4)} ${TURNOUT_CONFLICT}`);
  // The transaction's connection is this very handle, and every call below is synchronous:
  // nothing else can run on it between the statements of one batch.
  return {
    voters(_trx, electionId, codes) {
      const found = new Map<string, RegistryVoter>();
      for (const code of codes) {
        const r = voter.get(electionId, code) as RegistryVoterColumns | undefined;
        if (r !== undefined) found.set(r.national_code, voterFromRow(r));
      }
      return Promise.resolve(found);
    },
    marks(_trx, electionId, codes) {
      const found = new Map<string, ExistingMark>();
      for (const code of codes) {
        const r = mark.get(electionId, code) as MarkRow | undefined;
        if (r !== undefined) found.set(r.national_code, markOf(r));
      }
      return Promise.resolve(found);
    },
    votingDevices(_trx, electionId, branchIds) {
      const out = new Map<string, string>();
      for (const branchId of branchIds) {
        const r = device.get(electionId, branchId) as { serial: string } | undefined;
        if (r !== undefined) out.set(branchId, r.serial);
      }
      return Promise.resolve(out);
    },
    insertMarks(_trx, marks) {
      let inserted = 0;
      for (const r of marks) inserted += insertMark.run(markValues(r)).changes;
      return Promise.resolve(inserted);
    },
    insertCards(_trx, cards) {
      for (const r of cards) insertCard.run(cardValues(r));
      return Promise.resolve();
    },
    addTurnout(_trx, counters) {
      for (const r of counters) turnout.run(turnoutValues(r));
      return Promise.resolve();
    },
  };
}

/** The hot path's statements for this store's engine. */
export function checkInStatements(store: Store): CheckInStatements {
  return store.sqlite === undefined ? postgresStatements() : sqliteStatements(store.sqlite);
}
