import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { ProblemError, problem } from '@sandogh/core';
import type { Database } from './database.js';
import { openPostgres, openSqlite } from './engines.js';
import { migrateToLatest } from './migrations/index.js';
import { parseStoreUrl } from './url.js';

export type Engine = 'sqlite' | 'postgres';

/**
 * Most parameters one statement may bind: SQLite's SQLITE_MAX_VARIABLE_NUMBER (32,766 since
 * 3.32, the build better-sqlite3 12 ships) and the 16-bit parameter count of the PostgreSQL
 * wire protocol, which PostgreSQL-compatible distributed engines share.
 */
export const MAX_PARAMETERS: Readonly<Record<Engine, number>> = {
  sqlite: 32_766,
  postgres: 65_535,
};

export interface Store {
  readonly engine: Engine;
  readonly db: Kysely<Database>;
  /** The PostgreSQL schema holding the tables; undefined on SQLite. */
  readonly schema: string | undefined;
  /** The address with any password masked, for logs and messages. */
  readonly display: string;
  readonly maxParameters: number;
  /**
   * SQLite only: the connection behind `db`, for a hot path that keeps its own prepared
   * statements (the poll book's check-and-mark, docs/SCALE.md). Use it only inside
   * `transaction` (it is the transaction's own connection) and only with statements that run
   * on both engines as written.
   */
  readonly sqlite?: BetterSqlite3.Database;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * Use only the `trx` it is given inside (on SQLite the one connection is held, so a query
   * through `store.db` would wait for itself), and do not nest.
   */
  transaction<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Resolves when the engine answers a trivial query (readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Apply pending migrations on open (default true). */
  readonly migrate?: boolean;
  /** PostgreSQL only: the schema to live in, created if missing (lower-case identifier). */
  readonly schema?: string;
  /** SQLite: how long a writer waits for another's lock before failing (default 5 s). */
  readonly busyTimeoutMs?: number;
  /** PostgreSQL: most pooled connections (default 10). */
  readonly poolSize?: number;
  /** PostgreSQL: how long to wait for a connection (default 5 s). */
  readonly connectTimeoutMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens the store an address names (see parseStoreUrl) and brings its schema up to date.
 * Throws ProblemError with STORE_URL_INVALID for a bad address or option, STORE_UNAVAILABLE
 * when the engine cannot be reached or opened.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const location = parseStoreUrl(url);
  if (!location.ok) throw new ProblemError(location.error);
  const where = location.value;
  let store: Store;
  if (where.engine === 'sqlite') {
    if (options.schema !== undefined) {
      throw new ProblemError(
        problem('STORE_URL_INVALID', {
          url: where.path,
          reason: 'a schema is for PostgreSQL only',
        }),
      );
    }
    store = sqliteStore(where.path, options);
  } else {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new ProblemError(
        problem('STORE_URL_INVALID', {
          url: where.display,
          reason: `schema "${options.schema}" is not a lower-case identifier`,
        }),
      );
    }
    const opened = await openPostgres(where.connectionString, {
      display: where.display,
      schema: options.schema,
      poolSize: options.poolSize ?? 10,
      connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    });
    store = {
      engine: 'postgres',
      db: opened.db,
      schema: opened.schema,
      display: where.display,
      maxParameters: MAX_PARAMETERS.postgres,
      transaction: (fn) => opened.db.transaction().execute(fn),
      ping: () => ping(opened.db),
      close: () => opened.db.destroy(),
    };
  }
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(store);
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}

function sqliteStore(path: string, options: OpenStoreOptions): Store {
  const { db, raw } = openSqlite(path, { busyTimeoutMs: options.busyTimeoutMs ?? 5_000 });
  return {
    engine: 'sqlite',
    db,
    sqlite: raw,
    schema: undefined,
    display: path,
    maxParameters: MAX_PARAMETERS.sqlite,
    // BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads and
    // then writes can fail with SQLITE_BUSY at the upgrade, which busy_timeout cannot cure
    // when another process writes the same file (the CLI beside the HQ server).
    transaction: (fn) =>
      db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const result = await fn(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (error) {
          if (raw.inTransaction) await sql`rollback`.execute(conn);
          throw error;
        }
      }),
    ping: () => ping(db),
    close: () => db.destroy(),
  };
}

async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
