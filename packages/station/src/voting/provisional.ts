import { randomBytes } from 'node:crypto';
import { CARD_LIFETIME_MS, err, ok, problem, type Problem, type Result } from '@sandogh/core';
import type { StationStore } from '../store/stationStore.js';
import type { CardCheck } from './device.js';

/**
 * Provisional ballot cards under the offline rule (DESIGN §2 "Offline", law 1;
 * docs/STATION.md §4 "Offline"). When HQ does not answer the authentication device within
 * 10 s, the device checks the voter locally and activates a provisional card: `P`, a fresh
 * random 128-bit handle in hex, a dot, and the expiry in Unix seconds. The card never reaches
 * HQ (HQ never issued it); the voting device accepts it only when the station store holds the
 * handle as issued and not rejected, and seals the ballot under that handle.
 */
const PROVISIONAL_CARD = /^P([0-9a-f]{32})\.([0-9]{10})$/;

export function provisionalCard(
  now: number,
  handle = randomBytes(16).toString('hex'),
): { token: string; handle: string } {
  const expiry = Math.ceil((now + CARD_LIFETIME_MS) / 1000);
  return { token: `P${handle}.${String(expiry)}`, handle };
}

/** The handle of a provisional card, or null for any other token. */
export function provisionalHandleOf(token: string): string | null {
  return PROVISIONAL_CARD.exec(token)?.[1] ?? null;
}

function provisionalExpiry(token: string): number {
  return Number(PROVISIONAL_CARD.exec(token)?.[2] ?? '0') * 1000;
}

function refused(reason: string): Problem {
  return problem('VOTING_CARD_REFUSED', { reason });
}

/**
 * The voting device's card check with provisional cards: a provisional card is checked
 * against the station store (issued here, unexpired, not rejected by HQ; single use is the
 * device's `cardUsed`), every other card goes to `online` (the poll book's check).
 */
export function provisionalCardCheck(
  store: StationStore,
  online: CardCheck,
  options: { readonly now?: () => number } = {},
): CardCheck {
  const now = options.now ?? Date.now;
  return {
    accept(token): Promise<Result<void, Problem>> {
      const handle = provisionalHandleOf(token);
      if (handle === null) return online.accept(token);
      if (now() > provisionalExpiry(token))
        return Promise.resolve(err(problem('POLLBOOK_CARD_EXPIRED')));
      const state = store.provisionalState(handle);
      if (state === undefined)
        return Promise.resolve(err(refused('this station never issued this provisional card')));
      if (state === 'rejected')
        return Promise.resolve(
          err(refused('HQ rejected this provisional check-in (the voter had voted elsewhere)')),
        );
      return Promise.resolve(ok(undefined));
    },
    // Only HQ's cards are reported; the device never reports a provisional one (device.ts).
    ...(online.reportAbandoned === undefined
      ? {}
      : { reportAbandoned: online.reportAbandoned.bind(online) }),
  };
}
