import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { fixtureCode } from '@sandogh/store/testing';

/**
 * Fills `registry_voters` with `count` adult citizens by raw inserts (the importer's own
 * benchmark is bench/registry): codes fixtureCode(0 … count-1), every tenth a round-1 voter
 * of the constituency, so that a check-and-mark reads realistic rows from a 10-million-row key.
 */
export async function fillRegistry(
  engine: 'sqlite' | 'postgres',
  where: string,
  electionId: string,
  count: number,
  postgresUrl: string,
): Promise<void> {
  const now = new Date().toISOString();
  const started = performance.now();
  if (engine === 'sqlite') {
    const db = new BetterSqlite3(where);
    db.pragma('journal_mode = WAL');
    const insert = db.prepare(
      `insert into registry_voters (election_id, national_code, birth_date, deceased, death_date,
        citizen, round1_constituency, first_name, last_name, document_serials, import_id, updated_at)
       values (?, ?, '1980-01-01', 0, null, 1, ?, null, null, null, 'bench', ?)`,
    );
    const chunk = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++)
        insert.run(electionId, fixtureCode(i), i % 10 === 0 ? 'tehran' : null, now);
    });
    for (let from = 0; from < count; from += 200_000) {
      chunk(from, Math.min(count, from + 200_000));
      process.stderr.write(
        `\rregistry ${Math.min(count, from + 200_000).toLocaleString()} / ${count.toLocaleString()}`,
      );
    }
    db.close();
  } else {
    const client = new pg.Client({
      connectionString: postgresUrl,
      options: `-c search_path=${where}`,
    });
    await client.connect();
    for (let from = 0; from < count; from += 50_000) {
      const codes: string[] = [];
      const round1: (string | null)[] = [];
      for (let i = from; i < Math.min(count, from + 50_000); i++) {
        codes.push(fixtureCode(i));
        round1.push(i % 10 === 0 ? 'tehran' : null);
      }
      await client.query(
        `insert into registry_voters (election_id, national_code, birth_date, deceased, death_date,
          citizen, round1_constituency, first_name, last_name, document_serials, import_id, updated_at)
         select $1, c, '1980-01-01', 0, null, 1, r, null, null, null, 'bench', $2
         from unnest($3::text[], $4::text[]) as u(c, r)`,
        [electionId, now, codes, round1],
      );
      process.stderr.write(
        `\rregistry ${(from + codes.length).toLocaleString()} / ${count.toLocaleString()}`,
      );
    }
    await client.end();
  }
  process.stderr.write(
    `\nregistry filled in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
