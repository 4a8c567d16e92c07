import {
  Migrator,
  NO_MIGRATIONS,
  type Migration,
  type MigrationProvider,
  type MigrationResult,
} from 'kysely';
import type { Store } from '../store.js';
import { definitionMigration } from './0001_definition.js';
import { auditMigration } from './0002_audit.js';
import { accessMigration } from './0003_access.js';
import { ceremonyMigration } from './0004_ceremony.js';
import { registryMigration } from './0005_registry.js';
import { operationsMigration } from './0008_operations.js';
import { pollbookMigration } from './0006_pollbook.js';
import { stationMigration } from './0007_station.js';
import { resultsMigration } from './0009_results.js';
import { ceremonyRoundsMigration } from './0010_ceremony_rounds.js';
import { reconciliationMigration } from './0011_reconciliation.js';

/**
 * Every migration, in order, as ordinary reviewed code (STYLE: the Kysely habit). A static
 * provider, not a folder scan: what runs is exactly what was imported and type-checked, and
 * nothing on the disk of a deployed machine can add to it.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001_definition': definitionMigration,
  '0002_audit': auditMigration,
  '0003_access': accessMigration,
  '0004_ceremony': ceremonyMigration,
  '0005_registry': registryMigration,
  '0006_pollbook': pollbookMigration,
  '0007_station': stationMigration,
  '0008_operations': operationsMigration,
  '0009_results': resultsMigration,
  '0010_ceremony_rounds': ceremonyRoundsMigration,
  '0011_reconciliation': reconciliationMigration,
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...migrations }),
};

function migratorFor(store: Store): Migrator {
  return new Migrator({
    db: store.db,
    provider,
    // On PostgreSQL the migrator's "does my table exist" check looks at every schema of the
    // database; naming ours keeps parallel runs in sibling schemas from seeing each other's.
    ...(store.schema !== undefined ? { migrationTableSchema: store.schema } : {}),
  });
}

/** Names of the migrations applied by this call (empty when the store was already current). */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const { error, results } = await migratorFor(store).migrateToLatest();
  return settle(error, results);
}

/** Rolls every migration back; for tests and for wiping a scratch store, never in production. */
export async function migrateToEmpty(store: Store): Promise<string[]> {
  const migrator = migratorFor(store);
  const { error, results } = await migrator.migrateTo(NO_MIGRATIONS);
  return settle(error, results);
}

/** Names of the migrations already applied, in order. */
export async function appliedMigrations(store: Store): Promise<string[]> {
  const all = await migratorFor(store).getMigrations();
  return all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}

function settle(error: unknown, results: readonly MigrationResult[] | undefined): string[] {
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined) {
    const which = failed === undefined ? '' : ` in ${failed.migrationName}`;
    throw new Error(
      `migration failed${which}: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
