import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

/**
 * The reference of DESIGN §7: the raw engine running the same atomic statements as one
 * check-and-mark batch — read the registry rows, read existing marks, read the branches'
 * voting devices, insert the marks (ON CONFLICT DO NOTHING), insert the cards, add to the
 * turnout counters — in one durable transaction per batch, with no Sandogh code around it.
 * SQLite: the store's prepared one-row statements; PostgreSQL: its multi-row statements.
 */
export interface RawBatch {
  readonly electionId: string;
  readonly codes: readonly string[];
  /** The branch of each code's check-in (as many as codes). */
  readonly branches: readonly string[];
  readonly device: string;
  readonly at: string;
  readonly hour: string;
}

const list = (n: number, from = 1, pgStyle = false) =>
  Array.from({ length: n }, (_, i) => (pgStyle ? `$${from + i}` : '?')).join(', ');

function rows(b: RawBatch, width: number, pgStyle: boolean, offset: number): string {
  return b.codes.map((_, r) => `(${list(width, offset + r * width, pgStyle)})`).join(', ');
}

/** The batch's distinct branches, sorted, with their check-ins: devices and turnout rows. */
function perBranch(b: RawBatch): [string, number][] {
  const counts = new Map<string, number>();
  for (const branch of b.branches) counts.set(branch, (counts.get(branch) ?? 0) + 1);
  return [...counts].sort(([x], [y]) => (x < y ? -1 : 1));
}

function markValues(b: RawBatch): unknown[] {
  return b.codes.flatMap((c, i) => [
    b.electionId,
    c,
    b.branches[i],
    b.at,
    'online',
    null,
    `m${i}${c}`,
    1,
  ]);
}
function cardValues(b: RawBatch): unknown[] {
  return b.codes.flatMap((c, i) => [
    b.electionId,
    `h${c}${b.at}`,
    b.branches[i],
    b.device,
    b.at,
    'active',
  ]);
}

export function rawSqlite(path: string): {
  run(b: RawBatch): Promise<void>;
  close(): Promise<void>;
} {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // The store's SQLite statements (packages/store/src/pollbook/statements.ts): prepared once,
  // one row each, inside one durable transaction per batch.
  const registry = db.prepare(
    `select election_id, national_code, birth_date, deceased, death_date, citizen, round1_constituency from registry_voters where election_id = ? and national_code = ?`,
  );
  const marks = db.prepare(
    `select national_code, branch_id, marked_at, message_id from pollbook_marks where election_id = ? and national_code = ?`,
  );
  const devices = db.prepare(
    `select serial, branch_id from devices where election_id = ? and kind = 'voting' and status <> 'retired' and status <> 'faulty' and branch_id in (?) order by position limit 1`,
  );
  const insertMark = db.prepare(
    `insert into pollbook_marks (election_id, national_code, branch_id, marked_at, mode, decision, message_id, cards_issued) values (${list(8)}) on conflict do nothing`,
  );
  const insertCard = db.prepare(
    `insert into pollbook_cards (election_id, token_hash, branch_id, device_serial, expires_window, state) values (${list(6)}) on conflict do nothing`,
  );
  const turnout = db.prepare(
    `insert into pollbook_turnout (election_id, branch_id, hour, voters) values (?, ?, ?, ?) on conflict (election_id, branch_id, hour) do update set voters = pollbook_turnout.voters + excluded.voters`,
  );
  return {
    run(b) {
      db.exec('begin immediate');
      for (const c of b.codes) registry.get(b.electionId, c);
      for (const c of b.codes) marks.get(b.electionId, c);
      const branches = perBranch(b);
      for (const [branch] of branches) devices.get(b.electionId, branch);
      const mv = markValues(b);
      for (let i = 0; i < b.codes.length; i++) insertMark.run(mv.slice(i * 8, i * 8 + 8));
      const cv = cardValues(b);
      for (let i = 0; i < b.codes.length; i++) insertCard.run(cv.slice(i * 6, i * 6 + 6));
      for (const [branch, n] of branches) turnout.run(b.electionId, branch, b.hour, n);
      db.exec('commit');
      return Promise.resolve();
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

export async function rawPostgres(
  url: string,
  schema: string,
): Promise<{ run(b: RawBatch): Promise<void>; close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  return {
    async run(b) {
      const n = b.codes.length;
      const branches = perBranch(b);
      await client.query('begin');
      await client.query(
        `select election_id, national_code, birth_date, deceased, death_date, citizen, round1_constituency from registry_voters where election_id = $1 and national_code in (${list(n, 2, true)})`,
        [b.electionId, ...b.codes],
      );
      await client.query(
        `select national_code, branch_id, marked_at, message_id from pollbook_marks where election_id = $1 and national_code in (${list(n, 2, true)})`,
        [b.electionId, ...b.codes],
      );
      await client.query(
        `select serial, branch_id from devices where election_id = $1 and kind = 'voting' and status <> 'retired' and status <> 'faulty' and branch_id in (${list(branches.length, 2, true)}) order by position`,
        [b.electionId, ...branches.map(([branch]) => branch)],
      );
      await client.query(
        `insert into pollbook_marks (election_id, national_code, branch_id, marked_at, mode, decision, message_id, cards_issued) values ${rows(b, 8, true, 1)} on conflict do nothing`,
        markValues(b),
      );
      await client.query(
        `insert into pollbook_cards (election_id, token_hash, branch_id, device_serial, expires_window, state) values ${rows(b, 6, true, 1)} on conflict do nothing`,
        cardValues(b),
      );
      await client.query(
        `insert into pollbook_turnout (election_id, branch_id, hour, voters) values ${branches.map((_, r) => `(${list(4, 1 + r * 4, true)})`).join(', ')} on conflict (election_id, branch_id, hour) do update set voters = pollbook_turnout.voters + excluded.voters`,
        branches.flatMap(([branch, count]) => [b.electionId, branch, b.hour, count]),
      );
      await client.query('commit');
    },
    close: () => client.end(),
  };
}
