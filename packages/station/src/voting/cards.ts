import { randomBytes } from 'node:crypto';
import {
  ballotCardToken,
  canonicalJson,
  cardTokenExpiry,
  err,
  ok,
  problem,
  type DeviceMessage,
  type Problem,
  type Result,
} from '@sandogh/core';
import { signDeviceMessage } from '@sandogh/crypto';
import type { DeviceIdentity } from '../sync/outbox.js';
import type { CardCheck } from './device.js';

/**
 * The voting device's ballot-card check wired to the HQ poll book (issue 5, laws 1 and 5;
 * docs/STATION.md §4 "Cards"). A card is accepted only when HQ's poll book activated it for
 * this branch and this voting device, it has not expired and it was never used: the device
 * tells HQ the card is now `used` (`POST /api/v1/pollbook/cards`, a signed device message),
 * and HQ's conditional update makes that succeed once per card whatever the concurrency.
 *
 * - HQ answers `recorded`: the card was active and is now used here → accepted.
 * - HQ answers `unchanged`: this device already reported it used, but the station holds no
 *   cast or abandonment for it (the device checks its own store first): the station stopped
 *   between the report and the cast (kill -9, power) → accepted, so the voter is not turned
 *   away by the device's own crash.
 * - HQ refuses (unknown, other device or branch, settled, expired) → refused with HQ's code.
 * - HQ cannot be reached within `timeoutMs` (10 s, DESIGN §2 "Offline") → refused: the
 *   offline rule's provisional cards need the station's provisional sealing, not built yet
 *   (docs/STATION.md §7), and a card HQ never confirmed must not yield a counted ballot.
 */
export interface CardPoster {
  /** POSTs a signed device message to HQ's `path`; throws when HQ cannot be reached. */
  post(path: string, signed: string): Promise<{ readonly status: number; readonly body: unknown }>;
}

export function httpCardPoster(hqUrl: string, timeoutMs = 10_000): CardPoster {
  return {
    async post(path, signed) {
      const res = await fetch(new URL(path, hqUrl).toString(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: signed,
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: res.status, body: await res.json().catch((): unknown => null) };
    },
  };
}

/** HQ's card refusals, passed on to the voter's screen as they are. */
const CARD_CODES = [
  'POLLBOOK_CARD_UNKNOWN',
  'POLLBOOK_CARD_EXPIRED',
  'POLLBOOK_CARD_SETTLED',
  'POLLBOOK_CARD_WRONG_DEVICE',
  'POLLBOOK_CARD_STATE_NOT_ALLOWED',
] as const;

function refused(reason: string): Problem {
  return problem('VOTING_CARD_REFUSED', { reason });
}

export function pollbookCardCheck(
  identity: DeviceIdentity,
  poster: CardPoster,
  options: { readonly now?: () => number } = {},
): CardCheck {
  const now = options.now ?? Date.now;
  /** The card's new state, as a signed device message to HQ's poll book. */
  const post = (token: string, state: 'used' | 'abandoned') => {
    const message: DeviceMessage = {
      v: 1,
      election: identity.election,
      branch: identity.branch,
      device: identity.serial,
      kind: 'pollbook.card',
      id: randomBytes(16).toString('hex'),
      at: new Date(now()).toISOString(),
      body: { token, state },
    };
    return poster.post(
      '/api/v1/pollbook/cards',
      canonicalJson(signDeviceMessage(message, identity.seed)),
    );
  };
  return {
    // The voter left the device without casting: HQ counts the card abandoned, not cast. Any
    // answer but "unreachable" or a server error settles it: a refusal (say, a card HQ already
    // expired) is HQ's record and reconciliation shows it.
    async reportAbandoned(token): Promise<boolean> {
      try {
        const answer = await post(token, 'abandoned');
        return answer.status < 500;
      } catch {
        return false;
      }
    },
    async accept(token): Promise<Result<void, Problem>> {
      const parsed = ballotCardToken.safeParse(token);
      if (!parsed.success) return err(refused('not a ballot card of the poll book'));
      if (now() > cardTokenExpiry(parsed.data)) return err(problem('POLLBOOK_CARD_EXPIRED'));
      let answer: { status: number; body: unknown };
      try {
        answer = await post(parsed.data, 'used');
      } catch {
        return err(refused('HQ cannot be reached to confirm the card'));
      }
      if (answer.status >= 200 && answer.status < 300) {
        const status = (answer.body as { status?: unknown } | null)?.status;
        if (status === 'recorded' || status === 'unchanged') return ok(undefined);
        return err(refused('HQ gave an answer the device does not understand'));
      }
      const code = (answer.body as { code?: unknown } | null)?.code;
      const hqCode = CARD_CODES.find((c) => c === code);
      if (hqCode !== undefined) {
        const details = (answer.body as { details?: Record<string, unknown> }).details;
        return err(problem(hqCode, details));
      }
      if (answer.status >= 500) return err(refused('HQ cannot confirm the card now'));
      return err(
        refused(`HQ refused the card (${typeof code === 'string' ? code : answer.status})`),
      );
    },
  };
}
