// Voter registry import (issue 4: 10 million rows in under 2 minutes, bounded memory), each
// figure beside references measured in the same run:
//   parse   — reading the CSV with csv-parse and checking every row (parseRegistryRow, the
//             duplicate set), no database: the floor set by the file work alone;
//   raw     — the raw driver (better-sqlite3 with one prepared statement; pg) writing the same
//             file's rows with the same batching and the same staging + ordered merge SQL,
//             splitting lines naively and checking nothing: the floor set by the engine;
//   import  — `importRegistry`, what `sandogh registry import` runs: parsing in a worker thread
//             while the main thread writes (PARSE_IN_WORKER=0: both on one thread, as before).
// Every measurement runs in a child process of its own, so its peak RSS is its own.
//
//   node --import tsx bench/registry/import.ts [rows]        (default 10,000,000)
//
// Environment: SANDOGH_SKIP_POSTGRES=1 (SQLite only), SANDOGH_TEST_POSTGRES_URL,
// REGISTRY_CSV=path (reuse a generated file; it is generated, untimed, when missing).
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { parse } from 'csv-parse';
import { electionHash, parseRegistryHeader, parseRegistryRow } from '@sandogh/core';
import { generateRegistry } from '@sandogh/demo';
import {
  importRegistry,
  loadDefinition,
  NationalCodeSet,
  REGISTRY_BATCH_ROWS,
  type Engine,
} from '@sandogh/store';
import { tinyDefinition } from '@sandogh/store/testing';
import { BENCH_POSTGRES_URL, scratchStore } from '../scratchStore.js';

interface Measured {
  readonly what: string;
  readonly engine: Engine | 'none';
  readonly rows: number;
  readonly seconds: number;
  readonly peakRssMiB: number;
}

const self = new URL(import.meta.url).pathname;

async function generate(rows: number, file: string): Promise<void> {
  const out = createWriteStream(file);
  let lines: string[] = [];
  for (const line of generateRegistry({ rows })) {
    lines.push(line);
    if (lines.length === 10_000) {
      if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
      lines = [];
    }
  }
  out.end(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  await once(out, 'finish');
}

async function parseOnly(file: string): Promise<number> {
  const seen = new NationalCodeSet();
  let rows = 0;
  let header: ReturnType<typeof parseRegistryHeader> | undefined;
  for await (const record of createReadStream(file).pipe(
    parse({ bom: true, relax_column_count: true }),
  ) as AsyncIterable<string[]>) {
    if (header === undefined) {
      header = parseRegistryHeader(record);
      continue;
    }
    if (!header.ok) throw new Error('bad header');
    const row = parseRegistryRow(header.value, record);
    if (row.ok && seen.add(row.value.nationalCode)) rows += 1;
  }
  return rows;
}

const STAGED =
  'national_code, birth_date, deceased, death_date, citizen, round1_constituency, first_name, last_name, document_serials';
const ALL = `election_id, ${STAGED}, import_id, updated_at`;
const UPSERT = `on conflict (election_id, national_code) do update set ${STAGED.split(', ')
  .slice(1)
  .concat(['import_id', 'updated_at'])
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`;

/** Naive lines: the generator never quotes, so a split on commas is the bare work. */
async function* naiveRows(file: string): AsyncGenerator<unknown[]> {
  let first = true;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (first || line === '') {
      first = false;
      continue;
    }
    const [code, birth, death, citizen, round1, firstName, lastName] = line.split(',');
    const dead = death !== undefined && death !== '';
    yield [
      code,
      birth,
      dead ? 1 : 0,
      dead ? death : null,
      citizen === '1' ? 1 : 0,
      round1 || null,
      firstName,
      lastName,
      null,
    ];
  }
}

async function rawSqlite(file: string, path: string, electionId: string): Promise<number> {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -65536');
  db.pragma('temp.cache_size = -65536');
  db.exec('begin immediate');
  db.exec(`create temp table registry_staging (${STAGED})`);
  const stage = db.prepare(
    `insert into temp.registry_staging (${STAGED}) select ${STAGED.split(', ')
      .map((_, i) => `value ->> ${i}`)
      .join(', ')} from json_each(?)`,
  );
  let rows = 0;
  let batch: unknown[][] = [];
  for await (const row of naiveRows(file)) {
    batch.push(row);
    rows += 1;
    if (batch.length === REGISTRY_BATCH_ROWS.sqlite) {
      stage.run(JSON.stringify(batch));
      batch = [];
    }
  }
  if (batch.length > 0) stage.run(JSON.stringify(batch));
  db.prepare(
    `insert into registry_voters (${ALL}) select ?, ${STAGED}, 'raw', 'raw' from temp.registry_staging where true order by national_code ${UPSERT}`,
  ).run(electionId);
  db.exec('drop table temp.registry_staging');
  db.exec('commit');
  db.close();
  return rows;
}

async function rawPostgres(file: string, schema: string, electionId: string): Promise<number> {
  const client = new pg.Client({
    connectionString: BENCH_POSTGRES_URL,
    options: `-c search_path=${schema}`,
  });
  await client.connect();
  await client.query('begin');
  await client.query(
    `create temp table registry_staging (national_code text, birth_date text, deceased integer, death_date text, citizen integer, round1_constituency text, first_name text, last_name text, document_serials text) on commit drop`,
  );
  const stage = `insert into registry_staging select * from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[])`;
  let rows = 0;
  let columns: unknown[][] = Array.from({ length: 9 }, () => []);
  for await (const row of naiveRows(file)) {
    row.forEach((v, i) => columns[i]?.push(v));
    rows += 1;
    if ((columns[0]?.length ?? 0) === REGISTRY_BATCH_ROWS.postgres) {
      await client.query(stage, columns);
      columns = Array.from({ length: 9 }, () => []);
    }
  }
  if ((columns[0]?.length ?? 0) > 0) await client.query(stage, columns);
  await client.query(
    `insert into registry_voters (${ALL}) select $1::text, ${STAGED}, 'raw', 'raw' from registry_staging order by national_code ${UPSERT}`,
    [electionId],
  );
  await client.query('commit');
  await client.end();
  return rows;
}

/** One measurement, in this (child) process. */
async function measureOne(what: string, engine: Engine | 'none', file: string): Promise<Measured> {
  const started = performance.now();
  let rows: number;
  if (what === 'parse') rows = await parseOnly(file);
  else {
    const scratch = await scratchStore(engine as Engine);
    const definition = tinyDefinition();
    const loaded = await loadDefinition(scratch.store, definition, electionHash(definition));
    if (!loaded.ok) throw new Error(loaded.error.code);
    const t0 = performance.now();
    if (what === 'import') {
      // As `sandogh registry import` runs it: parsing in a worker thread, overlapping the writes.
      const done = await importRegistry(
        scratch.store,
        definition.election.id,
        createReadStream(file, { highWaterMark: 256 * 1024 }),
        { parseInWorker: process.env['PARSE_IN_WORKER'] !== '0' },
      );
      if (!done.ok) throw new Error(done.error.map((p) => p.code).join());
      rows = done.value.inserted;
    } else if (engine === 'sqlite') {
      await scratch.store.close();
      rows = await rawSqlite(file, scratch.where, definition.election.id);
    } else rows = await rawPostgres(file, scratch.where, definition.election.id);
    const seconds = (performance.now() - t0) / 1000;
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    if (what === 'raw' && engine === 'sqlite')
      rmSync(dirname(scratch.where), { recursive: true, force: true });
    else await scratch.dispose();
    return { what, engine, rows, seconds, peakRssMiB };
  }
  return {
    what,
    engine,
    rows,
    seconds: (performance.now() - started) / 1000,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

function child(what: string, engine: string, file: string): Measured {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', self, '--one', what, engine, file],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Measured;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--one') {
    const [what = '', engine = 'none', file = ''] = process.argv.slice(3);
    console.log(JSON.stringify(await measureOne(what, engine as Engine | 'none', file)));
    return;
  }
  const rows = Number(process.argv[2] ?? 10_000_000);
  const file = process.env['REGISTRY_CSV'] ?? join(tmpdir(), `sandogh-registry-${rows}.csv`);
  if (!existsSync(file)) {
    console.error(`generating ${rows} rows into ${file} (untimed)…`);
    await generate(rows, file);
  }
  console.error(`file ${file}: ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`);
  const engines: Engine[] =
    process.env['SANDOGH_SKIP_POSTGRES'] === '1' ? ['sqlite'] : ['sqlite', 'postgres'];
  const results: Measured[] = [child('parse', 'none', file)];
  console.error(JSON.stringify(results[0]));
  for (const engine of engines) {
    for (const what of ['raw', 'import']) {
      const m = child(what, engine, file);
      console.error(JSON.stringify(m));
      results.push(m);
    }
  }
  const parse0 = results[0];
  console.log(`\n| engine | measurement | rows | wall s | rows/s | peak RSS MiB | ratio |`);
  console.log(`|---|---|---:|---:|---:|---:|---|`);
  for (const m of results) {
    const raw = results.find((r) => r.engine === m.engine && r.what === 'raw');
    const ratio =
      m.what === 'import' && raw !== undefined && parse0 !== undefined
        ? `raw/import ${(raw.seconds / m.seconds).toFixed(2)}, parse/import ${(parse0.seconds / m.seconds).toFixed(2)}`
        : '';
    console.log(
      `| ${m.engine} | ${m.what} | ${m.rows} | ${m.seconds.toFixed(1)} | ${Math.round(m.rows / m.seconds)} | ${m.peakRssMiB.toFixed(0)} | ${ratio} |`,
    );
  }
}

await main();
