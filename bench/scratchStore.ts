import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore, type Engine, type Store } from '@sandogh/store';

/** The PostgreSQL server benchmarks use (services.md), unless SANDOGH_TEST_POSTGRES_URL says otherwise. */
export const BENCH_POSTGRES_URL =
  process.env['SANDOGH_TEST_POSTGRES_URL'] ?? 'postgres://root@127.0.0.1:5432/test';

export interface ScratchStore {
  readonly store: Store;
  /** The SQLite file, or the PostgreSQL schema: where a raw-driver reference writes the same rows. */
  readonly where: string;
  dispose(): Promise<void>;
}

/** A fresh, migrated store for one measurement: a temporary SQLite file or a new schema. */
export async function scratchStore(engine: Engine): Promise<ScratchStore> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sandogh-bench-'));
    const path = join(dir, 'store.sqlite');
    const store = await openStore(`sqlite:${path}`);
    return {
      store,
      where: path,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `sandogh_bench_${randomBytes(6).toString('hex')}`;
  const store = await openStore(BENCH_POSTGRES_URL, { schema });
  return {
    store,
    where: schema,
    dispose: async () => {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
      await store.close();
    },
  };
}
