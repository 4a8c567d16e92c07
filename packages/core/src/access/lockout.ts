/**
 * Lockout with back-off after failed sign-ins (issue 3). Five failures in a row lock the
 * account for a minute; each further failure after that doubles the lock, up to an hour. A
 * success clears the count; so does a day without failures. While locked, attempts are
 * refused without checking anything and do not extend the lock: an attacker who knows a
 * username can delay its owner by at most an hour at a time, never lock them out for good
 * (the per-username and per-address rate limits bound the attempts further).
 */
export const LOCKOUT = {
  threshold: 5,
  firstLockMs: 60_000,
  maxLockMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
} as const;

/** How long to lock after `consecutiveFailures` failures in a row (0: not locked). */
export function lockoutMs(consecutiveFailures: number): number {
  if (consecutiveFailures < LOCKOUT.threshold) return 0;
  const doublings = Math.min(consecutiveFailures - LOCKOUT.threshold, 32);
  return Math.min(LOCKOUT.firstLockMs * 2 ** doublings, LOCKOUT.maxLockMs);
}

/** Failures older than a day are forgotten: the count starts again. */
export function failuresSoFar(
  failures: number,
  lastFailureAtMs: number | undefined,
  nowMs: number,
): number {
  if (lastFailureAtMs === undefined || nowMs - lastFailureAtMs > LOCKOUT.forgetAfterMs) return 0;
  return failures;
}
