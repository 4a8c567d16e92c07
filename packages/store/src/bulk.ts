import type { Insertable, Kysely } from 'kysely';
import type { Database } from './database.js';

/**
 * Inserts rows with multi-row INSERTs, each as large as the engine's parameter limit allows
 * (Store.maxParameters): a few statements instead of one per row, and never a statement the
 * engine refuses. Plain `INSERT … VALUES (…), (…)`, the form every engine of DESIGN §6 runs.
 * Every row must carry every column (nulls spelled out): SQLite has no DEFAULT in VALUES.
 */
export async function insertInChunks<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  maxParameters: number,
): Promise<number> {
  const first = rows[0];
  if (first === undefined) return 0;
  const perRow = Object.keys(first).length;
  const size = Math.max(1, Math.floor(maxParameters / perRow));
  let statements = 0;
  for (let start = 0; start < rows.length; start += size) {
    // Kysely cannot narrow a generic table name to its row type; the signature above keeps
    // callers honest, so the widening stays inside this function.
    const chunk = rows.slice(start, start + size) as Insertable<Database[keyof Database]>[];
    await db
      .insertInto(table)
      .values(chunk as never)
      .execute();
    statements += 1;
  }
  return statements;
}

export type ConstraintKind = 'unique' | 'foreign-key' | 'check' | 'not-null' | 'other';

/**
 * Recognises an integrity-constraint violation from either driver: better-sqlite3 reports
 * `SQLITE_CONSTRAINT_*` codes, PostgreSQL (and compatible engines) SQLSTATE class 23.
 */
export function constraintViolation(
  error: unknown,
): { kind: ConstraintKind; message: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  const sqlite: Record<string, ConstraintKind> = {
    SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
    SQLITE_CONSTRAINT_UNIQUE: 'unique',
    SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign-key',
    SQLITE_CONSTRAINT_CHECK: 'check',
    SQLITE_CONSTRAINT_NOTNULL: 'not-null',
  };
  const postgres: Record<string, ConstraintKind> = {
    '23505': 'unique',
    '23503': 'foreign-key',
    '23514': 'check',
    '23502': 'not-null',
  };
  if (code.startsWith('SQLITE_CONSTRAINT'))
    return { kind: sqlite[code] ?? 'other', message: error.message };
  if (/^23[0-9A-Z]{3}$/.test(code))
    return { kind: postgres[code] ?? 'other', message: error.message };
  return undefined;
}
