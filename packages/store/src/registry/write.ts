import { CompiledQuery, type Kysely } from 'kysely';
import type { RegistryRecord } from '@sandogh/core';
import type { Database } from '../database.js';
import type { Engine } from '../store.js';

/**
 * The registry import's fast path (issue 4: 10 million rows in under 2 minutes): rows are
 * staged in a TEMP table in file order, in large batches through statements whose text is
 * built once (no query-builder compilation per batch), then moved into `registry_voters` in
 * key order by one upsert keyed by (election, national code): a voter already in the registry
 * is rewritten from the new file, one who is not is added, one absent from it is untouched.
 * bench/registry/RESULTS.md measures it against the raw driver running the same SQL.
 *
 * SQLite: a batch is one JSON text parameter unpacked by `json_each` (1,000 rows).
 * PostgreSQL: `unnest` of nine array parameters (10,000 rows): one short statement to parse
 * and plan whatever the batch size. TEMP tables, unnest of several arrays and ON CONFLICT are
 * all in the PostgreSQL-compatible distributed engines too.
 */

const COLUMNS = [
  'election_id',
  'national_code',
  'birth_date',
  'deceased',
  'death_date',
  'citizen',
  'round1_constituency',
  'first_name',
  'last_name',
  'document_serials',
  'import_id',
  'updated_at',
] as const;

const UPDATED = COLUMNS.filter((c) => c !== 'election_id' && c !== 'national_code');
const UPSERT = `on conflict (election_id, national_code) do update set ${UPDATED.map((c) => `${c} = excluded.${c}`).join(', ')}`;

/** KiB of page cache while an import runs (SQLite's default is 2,000 KiB). */
const SORT_CACHE_KIB = 65_536;

export const REGISTRY_BATCH_ROWS: Readonly<Record<Engine, number>> = {
  sqlite: 1_000,
  postgres: 10_000,
};

/** The constant columns of every row of one import. */
export interface ImportStamp {
  readonly electionId: string;
  readonly importId: string;
  readonly updatedAt: string;
}

export interface RegistryWriter {
  /** Before the first batch, in the import's transaction. */
  begin(trx: Kysely<Database>): Promise<void>;
  /** Writes one batch (at most the writer's batch size) in the import's transaction. */
  write(trx: Kysely<Database>, rows: readonly RegistryRecord[]): Promise<void>;
  /** The same with a batch already encoded (encodeBatch, perhaps in the parsing thread). */
  writeEncoded(trx: Kysely<Database>, batch: EncodedBatch): Promise<void>;
  /** After the last batch: every row is in `registry_voters` when it resolves. */
  finish(trx: Kysely<Database>): Promise<void>;
}

const STAGED = COLUMNS.filter(
  (c) => c !== 'election_id' && c !== 'import_id' && c !== 'updated_at',
);

/**
 * A batch as the staging statement binds it: SQLite's one JSON text (json_each), PostgreSQL's
 * nine column arrays (unnest). Made wherever the rows were parsed — a worker thread sends it
 * ready, so the writing thread only binds it.
 */
export type EncodedBatch = string | unknown[][];

export function encodeBatch(engine: Engine, rows: readonly RegistryRecord[]): EncodedBatch {
  if (engine === 'sqlite')
    return JSON.stringify(
      rows.map((r) => [
        r.nationalCode,
        r.birthDate,
        r.deceased ? 1 : 0,
        r.deathDate,
        r.citizen ? 1 : 0,
        r.round1Constituency,
        r.firstName,
        r.lastName,
        r.documentSerials,
      ]),
    );
  const columns: unknown[][] = Array.from({ length: 9 }, () => new Array<unknown>(rows.length));
  rows.forEach((r, i) => {
    const values = [
      r.nationalCode,
      r.birthDate,
      r.deceased ? 1 : 0,
      r.deathDate,
      r.citizen ? 1 : 0,
      r.round1Constituency,
      r.firstName,
      r.lastName,
      r.documentSerials,
    ];
    values.forEach((v, c) => {
      const column = columns[c];
      if (column !== undefined) column[i] = v;
    });
  });
  return columns;
}

/**
 * SQLite stages the rows in a temporary table, in file order (appends only), then moves them
 * into `registry_voters` in key order with one INSERT … SELECT … ORDER BY. Inserting national
 * codes in file order — random order — into a b-tree much larger than the page cache touches a
 * random page per row (measured: 44,000 rows/s at 200,000 rows falling to 12,000 rows/s at a
 * million); sorted, the b-tree is filled or walked page by page. The sort is SQLite's own
 * external merge sort, in bounded memory with temporary files. The staging table is TEMP:
 * private to this connection, never in the database file, gone if the process dies.
 */
function sqliteWriter(stamp: ImportStamp): RegistryWriter {
  // One short statement whatever the batch: the batch travels as one JSON text parameter that
  // SQLite's json_each unpacks, so nothing is re-prepared per batch and no row binds 9 values.
  const stage = `insert into temp.registry_staging (${STAGED.join(', ')})
    select ${STAGED.map((_, i) => `value ->> ${i}`).join(', ')} from json_each(?)`;
  return {
    async begin(trx) {
      // The final ORDER BY sorts in runs as large as the page cache: a bigger cache for this
      // transaction means fewer merge passes (bounded: SORT_CACHE_KIB), restored in finish.
      await trx.executeQuery(CompiledQuery.raw(`pragma temp.cache_size = -${SORT_CACHE_KIB}`));
      await trx.executeQuery(CompiledQuery.raw(`pragma main.cache_size = -${SORT_CACHE_KIB}`));
      await trx.executeQuery(CompiledQuery.raw('drop table if exists temp.registry_staging'));
      await trx.executeQuery(
        CompiledQuery.raw(`create temp table registry_staging (${STAGED.join(', ')})`),
      );
    },
    async write(trx, rows) {
      await this.writeEncoded(trx, encodeBatch('sqlite', rows));
    },
    async writeEncoded(trx, batch) {
      await trx.executeQuery(CompiledQuery.raw(stage, [batch]));
    },
    async finish(trx) {
      // "where true": SQLite's grammar needs it between a SELECT and an ON CONFLICT clause.
      await trx.executeQuery(
        CompiledQuery.raw(
          `insert into registry_voters (${COLUMNS.join(', ')})
           select ?, ${STAGED.slice(0, 1).join('')}, ${STAGED.slice(1).join(', ')}, ?, ?
           from temp.registry_staging where true order by national_code ${UPSERT}`,
          [stamp.electionId, stamp.importId, stamp.updatedAt],
        ),
      );
      await trx.executeQuery(CompiledQuery.raw('drop table temp.registry_staging'));
      await trx.executeQuery(CompiledQuery.raw('pragma temp.cache_size = -2000'));
      await trx.executeQuery(CompiledQuery.raw('pragma main.cache_size = -2000'));
    },
  };
}

const POSTGRES_STAGE = `insert into registry_staging (${STAGED.join(', ')})
  select * from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[])`;

const POSTGRES_MERGE = `insert into registry_voters (${COLUMNS.join(', ')})
  select $1::text, ${STAGED.join(', ')}, $2::text, $3::text
  from registry_staging order by national_code
  ${UPSERT}`;

function postgresWriter(stamp: ImportStamp): RegistryWriter {
  return {
    // The same staging as SQLite's, for the same reason (a b-tree filled in key order): a
    // TEMP table is private to the transaction's connection, written without WAL, and dropped
    // at commit or rollback.
    async begin(trx) {
      await trx.executeQuery(
        CompiledQuery.raw(
          `create temp table registry_staging (national_code text, birth_date text, deceased integer, death_date text, citizen integer, round1_constituency text, first_name text, last_name text, document_serials text) on commit drop`,
        ),
      );
    },
    async finish(trx) {
      await trx.executeQuery(
        CompiledQuery.raw(POSTGRES_MERGE, [stamp.electionId, stamp.importId, stamp.updatedAt]),
      );
      await trx.executeQuery(CompiledQuery.raw('drop table registry_staging'));
    },
    async write(trx, rows) {
      await this.writeEncoded(trx, encodeBatch('postgres', rows));
    },
    async writeEncoded(trx, batch) {
      await trx.executeQuery(CompiledQuery.raw(POSTGRES_STAGE, batch as unknown[]));
    },
  };
}

export function registryWriter(engine: Engine, stamp: ImportStamp): RegistryWriter {
  return engine === 'sqlite' ? sqliteWriter(stamp) : postgresWriter(stamp);
}
