import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  canonicalJson,
  MAX_OFFLINE_MARKS,
  problem,
  provisionalHandle,
  type DeviceMessage,
  type Problem,
} from '@sandogh/core';
import { signDeviceMessage } from '@sandogh/crypto';
import type { StationStore } from '../store/stationStore.js';
import type { DeviceIdentity } from '../sync/outbox.js';
import type { CardPoster } from '../voting/cards.js';

/**
 * The station's half of the offline rule once HQ is reachable again (law 1; docs/POLLBOOK.md
 * "The offline rule"): the offline marks go to `POST /api/v1/pollbook/offline` (at most 500 a
 * message, signed by the authentication device), and HQ's decisions are applied in one store
 * transaction per message. A lost answer is harmless: HQ answers a redelivered handle with the
 * decision it already took, and the station applies a decision once (a decided handle is no
 * longer pending).
 */
export type ReconcileOutcome =
  | { readonly kind: 'decided'; readonly released: number; readonly excluded: number }
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'refused'; readonly problem: Problem };

const offlineAnswer = z.object({
  decisions: z.array(
    z.object({ handle: provisionalHandle, decision: z.enum(['confirmed', 'rejected']) }),
  ),
  excluded: z.array(provisionalHandle),
});

/** HQ's answer, or undefined when it did not come within `timeoutMs` or could not be reached. */
export async function answerWithin(
  poster: CardPoster,
  path: string,
  signed: string,
  timeoutMs: number,
): Promise<{ readonly status: number; readonly body: unknown } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      resolve(undefined);
    }, timeoutMs);
  });
  try {
    return await Promise.race([poster.post(path, signed).catch(() => undefined), silence]);
  } finally {
    clearTimeout(timer);
  }
}

/** HQ's problem body, if it is one. */
export function hqProblem(body: unknown): Problem | undefined {
  const p = body as { code?: unknown; message?: { fa?: unknown; en?: unknown } } | null;
  if (typeof p?.code !== 'string' || typeof p.message?.fa !== 'string') return undefined;
  return body as Problem;
}

export async function reconcileOfflineMarks(deps: {
  readonly identity: DeviceIdentity;
  readonly store: StationStore;
  readonly poster: CardPoster;
  readonly timeoutMs: number;
  readonly now: () => number;
}): Promise<ReconcileOutcome> {
  const { identity, store } = deps;
  let released = 0;
  let excluded = 0;
  for (;;) {
    const marks = store.offlineMarks(MAX_OFFLINE_MARKS);
    if (marks.length === 0) return { kind: 'decided', released, excluded };
    const message: DeviceMessage = {
      v: 1,
      election: identity.election,
      branch: identity.branch,
      device: identity.serial,
      kind: 'pollbook.offline',
      id: randomBytes(16).toString('hex'),
      at: new Date(deps.now()).toISOString(),
      body: { marks },
    };
    const answer = await answerWithin(
      deps.poster,
      '/api/v1/pollbook/offline',
      canonicalJson(signDeviceMessage(message, identity.seed)),
      deps.timeoutMs,
    );
    if (answer === undefined || answer.status >= 500) return { kind: 'unreachable' };
    if (answer.status < 200 || answer.status >= 300)
      return {
        kind: 'refused',
        problem:
          hqProblem(answer.body) ??
          problem('POLLBOOK_OFFLINE_ANSWER_INVALID', { reason: `HQ answered ${answer.status}` }),
      };
    const parsed = offlineAnswer.safeParse(answer.body);
    const invalid = (reason: string): ReconcileOutcome => ({
      kind: 'refused',
      problem: problem('POLLBOOK_OFFLINE_ANSWER_INVALID', { reason }),
    });
    if (!parsed.success) return invalid('not a list of decisions');
    // Every handle sent is decided exactly once, and `excluded` is exactly the rejected ones:
    // anything else is not applied, so a garbled answer can neither drop nor release a ballot.
    const sent = new Set(marks.map((m) => m.handle));
    const decided = new Map(parsed.data.decisions.map((d) => [d.handle, d.decision]));
    if (decided.size !== parsed.data.decisions.length || decided.size !== sent.size)
      return invalid('not one decision per mark');
    for (const handle of sent) if (!decided.has(handle)) return invalid('a mark left undecided');
    const rejected = [...decided].filter(([, d]) => d === 'rejected').map(([h]) => h);
    const excludedSet = new Set(parsed.data.excluded);
    if (excludedSet.size !== rejected.length || rejected.some((h) => !excludedSet.has(h)))
      return invalid('the excluded list does not match the rejections');
    const applied = store.applyDecisions(
      [...decided].map(([handle, decision]) => ({ handle, decision })),
    );
    released += applied.released;
    excluded += applied.excluded;
  }
}
