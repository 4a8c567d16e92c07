// Load of a Tehran-sized election definition into each engine (issue 2), timed beside a
// reference measured in the same run: a bare bulk insert of the same rows with the raw driver
// (better-sqlite3 prepared statements in one transaction; pg multi-row INSERTs in one
// transaction) into the same migrated tables. The figure is the ratio store / reference.
//
//   node --import tsx bench/store/load-definition.ts [path-to-definition.json]
//
// Environment: RUNS (default 5, median reported), SANDOGH_TEST_POSTGRES_URL (default
// postgres://root@127.0.0.1:5432/test), SANDOGH_SKIP_POSTGRES=1 to run SQLite alone.
import { readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import {
  canonicalJson,
  electionHash,
  sha256Hex,
  validateDefinition,
  type ElectionDefinition,
} from '@sandogh/core';
import {
  insertInChunks,
  definitionRows,
  loadDefinition,
  ROW_TABLES,
  MAX_PARAMETERS,
  type Database,
  type Engine,
} from '@sandogh/store';
import { tehranShapedDefinition } from './tehranShape.js';
import { scratchStore } from '../scratchStore.js';

const RUNS = Number(process.env['RUNS'] ?? 5);
const POSTGRES_URL =
  process.env['SANDOGH_TEST_POSTGRES_URL'] ?? 'postgres://root@127.0.0.1:5432/test';
const engines: Engine[] =
  process.env['SANDOGH_SKIP_POSTGRES'] === '1' ? ['sqlite'] : ['sqlite', 'postgres'];

function definitionFromArgs(): { definition: ElectionDefinition; source: string } {
  const file = process.argv[2];
  const raw: unknown =
    file === undefined ? tehranShapedDefinition() : JSON.parse(readFileSync(file, 'utf8'));
  const checked = validateDefinition(raw);
  if (!checked.ok) {
    for (const p of checked.error.slice(0, 20))
      console.error(`${p.code} ${JSON.stringify(p.path ?? [])} ${p.message.en}`);
    throw new Error(`the definition has ${checked.error.length} problem(s)`);
  }
  return {
    definition: checked.value,
    source: file ?? 'synthesised Tehran-shaped definition (bench/store/tehranShape.ts)',
  };
}

type Table = [string, readonly Record<string, unknown>[]];

/** The rows every contender writes: the election row and the normalised tables, in FK order. */
function allRows(definition: ElectionDefinition): Table[] {
  const document = canonicalJson(definition);
  const election = {
    id: definition.election.id,
    hash: sha256Hex(document),
    format_version: definition.formatVersion,
    document,
    title_fa: definition.election.title.fa,
    title_en: definition.election.title.en,
    round: definition.election.round,
    voting_day: definition.election.votingDay,
    loaded_at: new Date().toISOString(),
  };
  const rows = definitionRows(definition);
  return [
    ['election', [election]],
    ...ROW_TABLES.map((t): Table => [t, rows[t] as readonly Record<string, unknown>[]]),
  ];
}

function referenceSqlite(path: string, tables: Table[]): number {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  try {
    const start = performance.now();
    db.transaction(() => {
      for (const [table, rows] of tables) {
        const first = rows[0];
        if (first === undefined) continue;
        const columns = Object.keys(first);
        const insert = db.prepare(
          `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
        );
        for (const row of rows) insert.run(columns.map((c) => row[c]));
      }
    })();
    return performance.now() - start;
  } finally {
    db.close();
  }
}

async function referencePostgres(schema: string, tables: Table[]): Promise<number> {
  const client = new pg.Client({
    connectionString: POSTGRES_URL,
    options: `-c search_path=${schema}`,
  });
  await client.connect();
  try {
    const start = performance.now();
    await client.query('begin');
    for (const [table, rows] of tables) {
      const first = rows[0];
      if (first === undefined) continue;
      const columns = Object.keys(first);
      const size = Math.floor(MAX_PARAMETERS.postgres / columns.length);
      for (let at = 0; at < rows.length; at += size) {
        const chunk = rows.slice(at, at + size);
        const values: unknown[] = [];
        const tuples = chunk.map(
          (row) => `(${columns.map((c) => `$${values.push(row[c])}`).join(', ')})`,
        );
        await client.query(
          `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`,
          values,
        );
      }
    }
    await client.query('commit');
    return performance.now() - start;
  } finally {
    await client.end();
  }
}

async function timeStore(
  engine: Engine,
  definition: ElectionDefinition,
  hash: string,
): Promise<number> {
  const fresh = await scratchStore(engine);
  try {
    const start = performance.now();
    const result = await loadDefinition(fresh.store, definition, hash);
    const ms = performance.now() - start;
    if (!result.ok || result.value.outcome !== 'loaded')
      throw new Error(`load failed: ${JSON.stringify(result)}`);
    const n = await fresh.store.db
      .selectFrom('branches')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (n.n !== definition.branches.length)
      throw new Error(`expected ${definition.branches.length} branches, found ${n.n}`);
    return ms;
  } finally {
    await fresh.dispose();
  }
}

async function timeReference(engine: Engine, tables: Table[]): Promise<number> {
  const fresh = await scratchStore(engine);
  try {
    return engine === 'sqlite'
      ? referenceSqlite(fresh.where, tables)
      : await referencePostgres(fresh.where, tables);
  } finally {
    await fresh.dispose();
  }
}

/** loadDefinition's write path alone: the same rows through Kysely and insertInChunks. */
async function timeStoreInserts(engine: Engine, tables: Table[]): Promise<number> {
  const fresh = await scratchStore(engine);
  try {
    const start = performance.now();
    await fresh.store.transaction(async (trx) => {
      for (const [table, rows] of tables) {
        await insertInChunks(
          trx,
          table as keyof Database,
          rows as never,
          fresh.store.maxParameters,
        );
      }
    });
    return performance.now() - start;
  } finally {
    await fresh.dispose();
  }
}

const { definition, source } = definitionFromArgs();
const hash = electionHash(definition);
const tables = allRows(definition);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
function timed(fn: () => unknown): number {
  fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    ms.push(performance.now() - start);
  }
  return median(ms);
}
// The part of loadDefinition that is not SQL, timed alone so the figures can be read.
const canonicalMs = timed(() => sha256Hex(canonicalJson(definition)));
const rowsMs = timed(() => definitionRows(definition));

const total = tables.reduce((sum, [, rows]) => sum + rows.length, 0);
console.log(`definition: ${source}`);
console.log(`rows: ${tables.map(([t, r]) => `${t} ${r.length}`).join(', ')} — ${total} in all`);
console.log(
  `loadDefinition apart from SQL: canonical JSON + SHA-256 ${canonicalMs.toFixed(0)} ms, flattening into rows ${rowsMs.toFixed(0)} ms`,
);
console.log(
  `runs per contender: ${RUNS} (median after one warm-up), contenders interleaved, each into a fresh migrated store\n`,
);
console.log(
  '| engine | loadDefinition (ms) | its inserts alone (ms) | reference bare insert (ms) | loadDefinition / reference | inserts / reference |',
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const engine of engines) {
  const load: number[] = [];
  const inserts: number[] = [];
  const reference: number[] = [];
  // warm-up: JIT, the file system, PostgreSQL's catalogue caches
  await timeStore(engine, definition, hash);
  await timeStoreInserts(engine, tables);
  await timeReference(engine, tables);
  for (let r = 0; r < RUNS; r++) {
    load.push(await timeStore(engine, definition, hash));
    inserts.push(await timeStoreInserts(engine, tables));
    reference.push(await timeReference(engine, tables));
  }
  const [l, ins, ref] = [median(load), median(inserts), median(reference)];
  console.log(
    `| ${engine} | ${l.toFixed(0)} | ${ins.toFixed(0)} | ${ref.toFixed(0)} | ${(l / ref).toFixed(2)} | ${(ins / ref).toFixed(2)} |`,
  );
}
