import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

/**
 * The reference of DESIGN §7: the raw engine running the same atomic statements as one
 * check-and-mark batch — read the registry rows, read existing marks, read the branches'
 * voting devices, insert the marks (ON CONFLICT DO NOTHING), insert the cards, add to the
 * turnout counters — in one durable transaction per batch, with no Sandogh code around it.
 */
export interface RawBatch {
  readonly electionId: string;
  readonly codes: readonly string[];
  readonly branch: string;
  readonly device: string;
  readonly at: string;
  readonly hour: string;
}

const list = (n: number, from = 1, pgStyle = false) =>
  Array.from({ length: n }, (_, i) => (pgStyle ? `$${from + i}` : '?')).join(', ');

function rows(b: RawBatch, width: number, pgStyle: boolean, offset: number): string {
  return b.codes.map((_, r) => `(${list(width, offset + r * width, pgStyle)})`).join(', ');
}

function markValues(b: RawBatch): unknown[] {
  return b.codes.flatMap((c, i) => [
    b.electionId,
    c,
    b.branch,
    b.at,
    'online',
    null,
    `m${i}${c}`,
    1,
  ]);
}
function cardValues(b: RawBatch): unknown[] {
  return b.codes.flatMap((c) => [b.electionId, `h${c}${b.at}`, b.branch, b.device, b.at, 'active']);
}

export function rawSqlite(path: string): {
  run(b: RawBatch): Promise<void>;
  close(): Promise<void>;
} {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const cache = new Map<number, BetterSqlite3.Statement[]>();
  const statements = (n: number) => {
    let found = cache.get(n);
    if (found === undefined) {
      found = [
        db.prepare(
          `select election_id, national_code, birth_date, deceased, death_date, citizen, round1_constituency from registry_voters where election_id = ? and national_code in (${list(n)})`,
        ),
        db.prepare(
          `select national_code, branch_id, marked_at, message_id from pollbook_marks where election_id = ? and national_code in (${list(n)})`,
        ),
        db.prepare(
          `select serial, branch_id from devices where election_id = ? and kind = 'voting' and status <> 'retired' and status <> 'faulty' and branch_id in (?) order by position`,
        ),
        db.prepare(
          `insert into pollbook_marks (election_id, national_code, branch_id, marked_at, mode, decision, message_id, cards_issued) values ${Array.from({ length: n }, () => `(${list(8)})`).join(', ')} on conflict do nothing`,
        ),
        db.prepare(
          `insert into pollbook_cards (election_id, token_hash, branch_id, device_serial, expires_window, state) values ${Array.from({ length: n }, () => `(${list(6)})`).join(', ')} on conflict do nothing`,
        ),
        db.prepare(
          `insert into pollbook_turnout (election_id, branch_id, hour, voters) values (?, ?, ?, ?) on conflict (election_id, branch_id, hour) do update set voters = pollbook_turnout.voters + excluded.voters`,
        ),
      ];
      cache.set(n, found);
    }
    return found;
  };
  return {
    run(b) {
      runBatch(b);
      return Promise.resolve();
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
  function runBatch(b: RawBatch): void {
    const [registry, marks, devices, insertMarks, insertCards, turnout] = statements(
      b.codes.length,
    );
    db.exec('begin immediate');
    registry?.all(b.electionId, ...b.codes);
    marks?.all(b.electionId, ...b.codes);
    devices?.all(b.electionId, b.branch);
    insertMarks?.run(...markValues(b));
    insertCards?.run(...cardValues(b));
    turnout?.run(b.electionId, b.branch, b.hour, b.codes.length);
    db.exec('commit');
  }
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
        `select serial, branch_id from devices where election_id = $1 and kind = 'voting' and status <> 'retired' and status <> 'faulty' and branch_id in ($2) order by position`,
        [b.electionId, b.branch],
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
        `insert into pollbook_turnout (election_id, branch_id, hour, voters) values ($1, $2, $3, $4) on conflict (election_id, branch_id, hour) do update set voters = pollbook_turnout.voters + excluded.voters`,
        [b.electionId, b.branch, b.hour, n],
      );
      await client.query('commit');
    },
    close: () => client.end(),
  };
}
