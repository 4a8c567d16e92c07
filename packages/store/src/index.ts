export type * from './database.js';
export { parseStoreUrl, redactStoreUrl, type StoreLocation } from './url.js';
export {
  openStore,
  MAX_PARAMETERS,
  type Engine,
  type OpenStoreOptions,
  type Store,
} from './store.js';
export {
  migrations,
  migrateToLatest,
  migrateToEmpty,
  appliedMigrations,
} from './migrations/index.js';
export { insertInChunks, constraintViolation, type ConstraintKind } from './bulk.js';
export { definitionRows, ROW_TABLES, type DefinitionRows } from './definition/rows.js';
export {
  loadDefinition,
  type LoadOptions,
  type LoadOutcome,
  type LoadResult,
} from './definition/load.js';
export {
  currentElection,
  readDefinition,
  type ElectionSummary,
  type StoredDefinition,
} from './definition/read.js';
export * from './definition/queries.js';
export * from './audit/index.js';
export * from './access/index.js';
export * from './ceremony/index.js';
export * from './results/index.js';
export * from './operations/index.js';
export * from './registry/index.js';
export * from './pollbook/index.js';
export * from './devices/index.js';
export * from './ballots/index.js';
export * from './branches/index.js';
