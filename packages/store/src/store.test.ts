import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { electionHash, ProblemError } from '@sandogh/core';
import { loadDefinition } from './definition/load.js';
import { currentElection } from './definition/read.js';
import { openStore } from './store.js';
import {
  describeEachEngine,
  openTestStore,
  postgresSkipped,
  testPostgresUrl,
} from './testing/engines.js';
import { tinyDefinition } from './testing/tinyDefinition.js';

describeEachEngine('a store', (ctx) => {
  it('commits a transaction that resolves and rolls back one that throws', async () => {
    const d = tinyDefinition();
    await loadDefinition(ctx.store, d, electionHash(d));
    const rename = (trx: typeof ctx.store.db, name: string) =>
      trx.updateTable('candidates').set({ name_en: name }).where('code', '=', '31').execute();
    await ctx.store.transaction((trx) => rename(trx, 'Committed'));
    await expect(
      ctx.store.transaction(async (trx) => {
        await rename(trx, 'Rolled back');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const row = await ctx.store.db
      .selectFrom('candidates')
      .select('name_en')
      .where('code', '=', '31')
      .executeTakeFirst();
    expect(row?.name_en).toBe('Committed');
  });

  it('answers a ping', async () => {
    await expect(ctx.store.ping()).resolves.toBeUndefined();
  });

  it('enforces foreign keys', async () => {
    await expect(
      ctx.store.db
        .insertInto('counties')
        .values({
          election_id: 'no-such-election',
          id: 'c',
          name_fa: 'c',
          name_en: 'c',
          position: 0,
        })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });

  if (ctx.engine === 'sqlite') {
    it('runs SQLite in WAL mode, synchronous FULL, with foreign keys and a busy timeout', async () => {
      const pragma = async (name: string) =>
        Object.values(
          (await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(ctx.store.db))
            .rows[0] ?? {},
        )[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(2);
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
    });
  } else {
    it('keeps stores in different schemas apart', async () => {
      const other = await ctx.extraStore();
      expect(other.schema).not.toBe(ctx.store.schema);
      const d = tinyDefinition();
      await loadDefinition(ctx.store, d, electionHash(d));
      expect((await currentElection(ctx.store))?.id).toBe(d.election.id);
      expect(await currentElection(other)).toBeUndefined();
    });
  }
});

it('refuses a bad address with STORE_URL_INVALID', async () => {
  const refusal = openStore('mysql://root@localhost/x');
  await expect(refusal).rejects.toBeInstanceOf(ProblemError);
  await expect(refusal).rejects.toMatchObject({ problems: [{ code: 'STORE_URL_INVALID' }] });
  await expect(openStore('/tmp/x.sqlite', { schema: 'a' })).rejects.toMatchObject({
    problems: [{ code: 'STORE_URL_INVALID' }],
  });
  await expect(openStore(testPostgresUrl(), { schema: 'Bad-Name' })).rejects.toMatchObject({
    problems: [{ code: 'STORE_URL_INVALID' }],
  });
});

it('reports an engine it cannot reach as STORE_UNAVAILABLE, without the password', async () => {
  const refusal = openStore('postgres://hq:s3cret@127.0.0.1:1/test', { connectTimeoutMs: 1_000 });
  await expect(refusal).rejects.toMatchObject({ problems: [{ code: 'STORE_UNAVAILABLE' }] });
  await expect(
    refusal.catch((e: unknown) => JSON.stringify((e as ProblemError).problems)),
  ).resolves.not.toContain('s3cret');
  await expect(openStore('sqlite:/dev/null/not-a-dir/x.sqlite')).rejects.toMatchObject({
    problems: [{ code: 'STORE_UNAVAILABLE' }],
  });
});

it('opens a throw-away in-memory SQLite store', async () => {
  const store = await openStore('sqlite::memory:');
  try {
    const d = tinyDefinition();
    expect(await loadDefinition(store, d, electionHash(d))).toMatchObject({ ok: true });
  } finally {
    await store.close();
  }
});

it('fails the PostgreSQL half loudly when PostgreSQL does not answer', async () => {
  await expect(
    openTestStore('postgres', { postgresUrl: 'postgres://root@127.0.0.1:1/test' }),
  ).rejects.toThrow(/PostgreSQL is unreachable.*SANDOGH_SKIP_POSTGRES=1/s);
});

it.skipIf(postgresSkipped())('drops a PostgreSQL test schema after use', async () => {
  const test = await openTestStore('postgres');
  const schema = test.store.schema ?? '';
  await test.dispose();
  const probe = await openStore(testPostgresUrl(), { migrate: false });
  try {
    const found = await sql<{
      n: number;
    }>`select count(*) as n from information_schema.schemata where schema_name = ${schema}`.execute(
      probe.db,
    );
    expect(found.rows[0]?.n).toBe(0);
  } finally {
    await probe.close();
  }
});
