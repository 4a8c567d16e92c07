import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { ProblemError, problem } from '@sandogh/core';
import type { Database } from './database.js';

/**
 * The two engines of DESIGN §6 behind one Kysely instance. Only this file and the
 * transaction wrapper in store.ts know which engine they talk to.
 */

export interface SqliteOptions {
  readonly busyTimeoutMs: number;
}

export interface OpenedSqlite {
  readonly db: Kysely<Database>;
  readonly raw: BetterSqlite3.Database;
}

function unavailable(where: string, error: unknown): ProblemError {
  const reason = error instanceof Error ? error.message : String(error);
  const failure = new ProblemError(problem('STORE_UNAVAILABLE', { store: where, reason }));
  failure.cause = error;
  return failure;
}

/**
 * WAL lets readers run beside the one writer; synchronous=FULL makes every commit durable
 * before it returns, which law 3 needs ("recorded" only once durable); foreign keys are off
 * by default in SQLite and must be turned on per connection.
 */
export function openSqlite(path: string, options: SqliteOptions): OpenedSqlite {
  let raw: BetterSqlite3.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    raw = new BetterSqlite3(path, { timeout: options.busyTimeoutMs });
  } catch (error) {
    throw unavailable(path, error);
  }
  try {
    const mode: unknown = raw.pragma('journal_mode = WAL', { simple: true });
    // `:memory:` (tests, throw-away demos) cannot use WAL and is not durable anyway.
    const expected = raw.memory ? 'memory' : 'wal';
    if (mode !== expected) throw new Error(`journal_mode is ${String(mode)}, not ${expected}`);
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
    raw.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs))}`);
  } catch (error) {
    raw.close();
    throw unavailable(path, error);
  }
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) }), raw };
}

export interface PostgresOptions {
  readonly display: string;
  readonly schema: string | undefined;
  readonly poolSize: number;
  readonly connectTimeoutMs: number;
}

export interface OpenedPostgres {
  readonly db: Kysely<Database>;
  /** The schema the store's tables live in: the option, or the server's current schema. */
  readonly schema: string;
}

/**
 * `count(*)` and other 64-bit results come back from node-postgres as strings (and a
 * distributed engine makes plain `integer` 64-bit too). Every such value in this store is a
 * count or a position, far below 2^53, so it is read as a number — and refused, not rounded,
 * if it ever is not.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new RangeError(`int8 value ${text} is beyond a safe integer`);
  return value;
}

type TypeId = Parameters<typeof pg.types.getTypeParser>[0];

const types: pg.CustomTypesConfig = {
  getTypeParser: (oid: TypeId, format?: 'text' | 'binary'): unknown =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format),
};

/**
 * A schema per store keeps parallel test runs and side-by-side deployments apart: the pool
 * sets `search_path` at connection start-up (the `options` start-up parameter), so every
 * pooled connection, present and future, sees only this schema's tables.
 */
export async function openPostgres(
  connectionString: string,
  options: PostgresOptions,
): Promise<OpenedPostgres> {
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    types,
    ...(options.schema !== undefined ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client whose server went away emits 'error' on the pool; unhandled, it would end
  // the process (law 8: nothing crashes a process). The next query reports the failure.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (options.schema !== undefined) await createSchemaIfMissing(db, options.schema);
    const row = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const schema = row.rows[0]?.schema ?? null;
    if (schema === null) throw new Error('no schema on the search_path exists');
    return { db, schema };
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw unavailable(options.display, error);
  }
}

async function createSchemaIfMissing(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await db.schema.createSchema(schema).ifNotExists().execute();
  } catch (error) {
    // Two processes creating the same schema at once: PostgreSQL may report a unique
    // violation on its catalogue even with IF NOT EXISTS; what matters is that it exists.
    const found = await sql<{
      n: number;
    }>`select count(*) as n from information_schema.schemata where schema_name = ${schema}`.execute(
      db,
    );
    if ((found.rows[0]?.n ?? 0) === 0) throw error;
  }
}
