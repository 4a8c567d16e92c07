/**
 * A process-wide counter of changes to what the HQ's device check reads — the device registry
 * and the loaded election (law 4). Every write path of this package bumps it once its
 * transaction has committed; a cache of device rows (hq/devices/authenticate.ts) compares it
 * on every read, so a revocation made by this process takes effect at once for every server
 * sharing the process, whatever Store object they hold. Changes made by another process (a
 * second HQ on the same PostgreSQL, the CLI beside a SQLite HQ) do not move it: the cache
 * bounds their delay by time instead (DEVICE_CACHE_MS there).
 */
let generation = 0;

/** The current generation: unchanged means no device or election write committed since. */
export function deviceRegistryGeneration(): number {
  return generation;
}

/** Called after a committed write to `devices` or `election` (and by test harnesses that empty a store). */
export function deviceRegistryChanged(): void {
  generation += 1;
}
