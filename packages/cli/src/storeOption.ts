import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { openStore, type Store } from '@sandogh/store';

/** The embedded default (DESIGN §6): a SQLite file beside where the operator works. */
export const DEFAULT_DATABASE = 'sqlite:.sandogh/sandogh.sqlite';

export function defaultDatabaseUrl(): string {
  return process.env['SANDOGH_DATABASE_URL'] ?? DEFAULT_DATABASE;
}

export function databaseOption(command: Command): Command {
  return command.option(
    '-d, --database <url>',
    'store: sqlite:FILE (default) or postgres://… (env SANDOGH_DATABASE_URL)',
    defaultDatabaseUrl(),
  );
}

/** Creates the folder of a SQLite file so that a fresh machine needs no set-up step. */
export function prepareDatabaseUrl(url: string): string {
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : undefined;
  if (file !== undefined && file !== ':memory:')
    mkdirSync(dirname(resolve(file)), { recursive: true });
  return url;
}

export async function withStore<T>(url: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(prepareDatabaseUrl(url));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
