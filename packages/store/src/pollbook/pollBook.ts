import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { CardMinter } from './cards.js';
import { checkAndMarkIn, type CheckInOutcome, type CheckInRequest } from './checkAndMark.js';
import type { PollbookElection } from './election.js';
import { checkInStatements } from './statements.js';

/**
 * The HQ's poll book: check-and-mark with group commit. Requests wait in a queue; a
 * transaction takes everything waiting (up to `maxBatch`), decides and marks it,
 * commits — durably: SQLite runs synchronous=FULL, PostgreSQL synchronous_commit — and only
 * then answers each request. A batch costs one durable commit however many voters it marks,
 * which is how a 2-core machine does thousands of marks a second (DESIGN §7); under light
 * load a batch is one request and answers at once.
 */

export interface PollBookOptions {
  /** Most requests per transaction (default 1,000). */
  readonly maxBatch?: number;
  /**
   * Most batches in flight at once (default: 1 on SQLite, whose one writer commits
   * synchronously; 4 on PostgreSQL, where a batch mostly waits on round trips).
   */
  readonly parallelBatches?: number;
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
  const statements = checkInStatements(store);
  // SQLite has one writer and commits synchronously: one batch at a time. PostgreSQL waits on
  // round trips, so a few batches overlap (each on its own pooled connection).
  const parallel = Math.max(1, options.parallelBatches ?? (store.engine === 'postgres' ? 4 : 1));
  let queue: Waiting[] = [];
  /** National codes of the batches in flight: a later request for one waits for their commit. */
  const inFlight = new Map<string, number>();
  const running = new Set<Promise<void>>();
  let gathering: Promise<void> | undefined;

  async function runBatch(batch: Waiting[]): Promise<void> {
    const requests = batch.map((w) => w.request);
    try {
      const outcomes = await store.transaction(async (trx) => {
        const decided = await checkAndMarkIn(trx, election, minter, requests, clock(), statements);
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

  /**
   * The next batch: waiting requests in arrival order, up to maxBatch, leaving behind every
   * request whose code is in a batch in flight. So two requests for one code are decided in
   * arrival order — in one batch, or in two that commit one after the other — exactly as if
   * each had been its own transaction, however many batches overlap.
   */
  function take(): Waiting[] {
    const batch: Waiting[] = [];
    const left: Waiting[] = [];
    for (const w of queue) {
      if (batch.length < maxBatch && !inFlight.has(w.request.nationalCode)) batch.push(w);
      else left.push(w);
    }
    queue = left;
    return batch;
  }

  function hold(batch: readonly Waiting[], by: 1 | -1): void {
    for (const w of batch) {
      const code = w.request.nationalCode;
      const n = (inFlight.get(code) ?? 0) + by;
      if (n === 0) inFlight.delete(code);
      else inFlight.set(code, n);
    }
  }

  function launch(): void {
    while (running.size < parallel && queue.length > 0) {
      const batch = take();
      if (batch.length === 0) return;
      hold(batch, 1);
      const done: Promise<void> = runBatch(batch).finally(() => {
        hold(batch, -1);
        running.delete(done);
        if (queue.length > 0) schedule();
      });
      running.add(done);
    }
  }

  function schedule(): void {
    // better-sqlite3 commits synchronously: while one batch commits, the event loop stands
    // still and no other request can reach the queue. Yielding to the loop before taking a
    // batch lets every request already received join it; without this a loaded SQLite HQ
    // commits one voter per fsync. Costs well under a millisecond when idle.
    gathering ??= gather().then(() => {
      gathering = undefined;
      launch();
    });
  }

  return {
    election,
    minter,
    checkIn(request) {
      if (queue.length >= maxQueue) return Promise.resolve('busy');
      return new Promise<CheckInOutcome>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        schedule();
      });
    },
    async drain() {
      while (gathering !== undefined || running.size > 0 || queue.length > 0) {
        if (gathering !== undefined) await gathering;
        else if (running.size > 0) await Promise.race(running);
        else schedule();
      }
    },
  };
}
