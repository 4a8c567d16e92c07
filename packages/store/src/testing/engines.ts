import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { deviceRegistryChanged } from '../devices/changes.js';
import { openStore, type Engine, type Store } from '../store.js';
import { redactStoreUrl } from '../url.js';

/**
 * The same store tests on both engines (DESIGN §6, issue 2), each store in its own SQLite file
 * or PostgreSQL schema so that parallel runs never collide. PostgreSQL is a real dependency of
 * the suite: when it does not answer, its half fails loudly instead of quietly passing as
 * skipped, unless SANDOGH_SKIP_POSTGRES=1 says so on purpose.
 */

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export function testPostgresUrl(): string {
  return process.env['SANDOGH_TEST_POSTGRES_URL'] ?? 'postgres://root@127.0.0.1:5432/test';
}

export function postgresSkipped(): boolean {
  return process.env['SANDOGH_SKIP_POSTGRES'] === '1';
}

export interface TestStore {
  readonly store: Store;
  /** Closes the store and removes its file or drops its schema. */
  dispose(): Promise<void>;
}

export interface TestStoreOptions {
  /** Apply migrations on open (default true). */
  readonly migrate?: boolean;
  /** PostgreSQL address; defaults to SANDOGH_TEST_POSTGRES_URL or the services.md server. */
  readonly postgresUrl?: string;
}

/** A fresh, private store: a temporary SQLite file, or a new schema with a random name. */
export async function openTestStore(
  engine: Engine,
  options: TestStoreOptions = {},
): Promise<TestStore> {
  const migrate = options.migrate ?? true;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sandogh-store-'));
    const store = await openStore(`sqlite:${join(dir, 'store.sqlite')}`, { migrate });
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = options.postgresUrl ?? testPostgresUrl();
  const schema = `sandogh_t_${randomBytes(8).toString('hex')}`;
  let store: Store;
  try {
    store = await openStore(url, { schema, migrate, poolSize: 4, connectTimeoutMs: 3_000 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const details = (error as { problems?: readonly { details?: { reason?: unknown } }[] })
      .problems?.[0]?.details?.reason;
    throw new Error(
      `PostgreSQL is unreachable at ${redactStoreUrl(url)} (${reason}${typeof details === 'string' ? `: ${details}` : ''}). ` +
        'The store tests run on both engines: start PostgreSQL (see services.md), point ' +
        'SANDOGH_TEST_POSTGRES_URL at one, or set SANDOGH_SKIP_POSTGRES=1 to skip its half on purpose.',
      { cause: error },
    );
  }
  return {
    store,
    dispose: async () => {
      try {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
      } finally {
        await store.close();
      }
    },
  };
}

export interface EngineContext {
  readonly engine: Engine;
  /** This test's store (or this file's, with isolation 'file'). */
  readonly store: Store;
  /** Another private store, disposed of after the file (two-store tests). */
  extraStore(options?: TestStoreOptions): Promise<Store>;
}

export interface DescribeEachEngineOptions {
  /**
   * 'test' (default): every test starts from an empty store; 'file': one store for the whole
   * describe, data carried from test to test.
   */
  readonly isolation?: 'test' | 'file';
  /** Apply migrations (default true); without them every test gets a store of its own. */
  readonly migrate?: boolean;
}

/**
 * Empties every table of a migrated PostgreSQL test store, keeping the migrator's own. Creating
 * and migrating a schema costs a few hundred milliseconds of DDL; this costs a few, and leaves
 * the same empty tables. (SQLite needs no such shortcut: a new file is as cheap.)
 */
async function emptyPostgresStore(store: Store): Promise<void> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
      and table_name not like 'kysely\_%'`.execute(store.db);
  if (tables.rows.length === 0) return;
  await sql`truncate table ${sql.join(tables.rows.map((t) => sql.id(t.name)))} cascade`.execute(
    store.db,
  );
  // Devices and the election are gone behind the store's back: caches of them must forget.
  deviceRegistryChanged();
}

/** `describe` once per engine, named `name [sqlite]` and `name [postgres]`. */
export function describeEachEngine(
  name: string,
  body: (ctx: EngineContext) => void,
  options: DescribeEachEngineOptions = {},
): void {
  const migrate = options.migrate ?? true;
  const isolation = options.isolation ?? 'test';
  for (const engine of ENGINES) {
    const run = engine === 'postgres' && postgresSkipped() ? describe.skip : describe;
    run(`${name} [${engine}]`, () => {
      let current: TestStore | undefined;
      const extras: TestStore[] = [];
      const open = async (): Promise<void> => {
        current = await openTestStore(engine, { migrate });
      };
      const dispose = async (): Promise<void> => {
        const disposing = current;
        current = undefined;
        await disposing?.dispose();
      };
      if (isolation === 'file') {
        beforeAll(open);
        afterAll(dispose);
      } else if (engine === 'postgres' && migrate) {
        beforeAll(open);
        beforeEach(async () => {
          if (current !== undefined) await emptyPostgresStore(current.store);
        });
        afterAll(dispose);
      } else {
        beforeEach(open);
        afterEach(dispose);
      }
      afterAll(async () => {
        for (const extra of extras.splice(0)) await extra.dispose();
      });
      body({
        engine,
        get store(): Store {
          if (current === undefined) throw new Error('the test store is open only inside a test');
          return current.store;
        },
        extraStore: async (extraOptions) => {
          const extra = await openTestStore(engine, extraOptions);
          extras.push(extra);
          return extra.store;
        },
      });
    });
  }
}
