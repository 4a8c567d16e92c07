import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { CardMinter } from './cards.js';
import { checkAndMarkIn, type CheckInOutcome, type CheckInRequest } from './checkAndMark.js';
import type { PollbookElection } from './election.js';

/**
 * The HQ's poll book: check-and-mark with group commit. Requests wait in a queue; one
 * transaction at a time takes everything waiting (up to `maxBatch`), decides and marks it,
 * commits — durably: SQLite runs synchronous=FULL, PostgreSQL synchronous_commit — and only
 * then answers each request. A batch costs one durable commit however many voters it marks,
 * which is how a 2-core machine does thousands of marks a second (DESIGN §7); under light
 * load a batch is one request and answers at once.
 */

export interface PollBookOptions {
  /** Most requests per transaction (default 1,000). */
  readonly maxBatch?: number;
  /** Most requests waiting; beyond it `checkIn` answers `busy` at once (default 20,000). */
  readonly maxQueue?: number;
  /** Runs inside each batch's transaction after the marks: the audit entries (law 6). */
  readonly alsoInTransaction?: (
    trx: Kysely<Database>,
    batch: readonly CheckInRequest[],
    outcomes: readonly CheckInOutcome[],
  ) => Promise<unknown>;
  /** Tests: the clock. */
  readonly clock?: () => Date;
}

export interface PollBook {
  readonly election: PollbookElection;
  /** Check-and-mark one voter; resolves after the batch holding it committed. */
  checkIn(request: CheckInRequest): Promise<CheckInOutcome | 'busy'>;
  /** Resolves when everything queued so far has been answered. */
  drain(): Promise<void>;
  /** The card minter, shared with reissues (override). */
  readonly minter: CardMinter;
}

interface Waiting {
  readonly request: CheckInRequest;
  readonly resolve: (outcome: CheckInOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/** Two turns of the event loop: received requests finish their reads and join the queue. */
async function gather(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export function openPollBook(
  store: Store,
  election: PollbookElection,
  options: PollBookOptions = {},
): PollBook {
  const maxBatch = options.maxBatch ?? 1_000;
  const maxQueue = options.maxQueue ?? 20_000;
  const clock = options.clock ?? (() => new Date());
  const minter = new CardMinter();
  let queue: Waiting[] = [];
  let flushing: Promise<void> | undefined;

  async function runBatch(batch: Waiting[]): Promise<void> {
    const requests = batch.map((w) => w.request);
    try {
      const outcomes = await store.transaction(async (trx) => {
        const decided = await checkAndMarkIn(trx, election, minter, requests, clock());
        await options.alsoInTransaction?.(trx, requests, decided);
        return decided;
      });
      for (const [i, w] of batch.entries()) {
        const outcome = outcomes[i];
        if (outcome === undefined) w.reject(new Error('check-and-mark lost an answer'));
        else w.resolve(outcome);
      }
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }

  async function flush(): Promise<void> {
    // better-sqlite3 commits synchronously: while one batch commits, the event loop stands
    // still and no other request can reach the queue. Yielding to the loop before taking a
    // batch lets every request already received join it; without this a loaded SQLite HQ
    // commits one voter per fsync. Costs well under a millisecond when idle.
    await gather();
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      await runBatch(batch);
      await gather();
    }
    flushing = undefined;
  }

  return {
    election,
    minter,
    checkIn(request) {
      if (queue.length >= maxQueue) return Promise.resolve('busy');
      return new Promise<CheckInOutcome>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        flushing ??= flush();
      });
    },
    async drain() {
      while (flushing !== undefined) await flushing;
    },
  };
}
