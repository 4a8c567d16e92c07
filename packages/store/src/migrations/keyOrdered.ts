import { SqliteAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * The migrations' one engine-specific clause (DESIGN §6): on SQLite a table created through
 * this is WITHOUT ROWID, so its rows sit in primary-key order — one b-tree descent to find a
 * row, and no hidden rowid recording the order rows were inserted in (law 2 where the key is a
 * hash or a national code). PostgreSQL's heap has no such clause; the table is made as given.
 */
export function keyOrderedTables(db: Kysely<unknown>) {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  return <T extends string, C extends string>(table: CreateTableBuilder<T, C>) =>
    sqlite ? table.modifyEnd(sql`without rowid`) : table;
}
