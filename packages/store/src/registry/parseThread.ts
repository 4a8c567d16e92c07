import { Worker } from 'node:worker_threads';
import type { Engine } from '../store.js';
import type { ParseEvent } from './parse.js';
import type { FromWorker, ToWorker, WorkerData } from './parseWorker.js';
import type { EncodedBatch } from './write.js';

/**
 * The main thread's side of parseWorker.ts: feeds it the source's bytes (a few chunks ahead,
 * one more per chunk it consumed) and hands its events to `onEvent` in file order, awaiting
 * each — and acknowledging each batch once `onEvent` has written it, which lets the worker
 * parse on while at most MAX_UNACKED_BATCHES wait. `onBytes` sees every chunk read (the
 * file's hash, the progress bar). Resolves after the 'done' or 'refused' event; the worker is
 * gone when it settles, however it settles.
 */

/** Chunks handed to the worker before it asks: enough to keep it busy, a few hundred KiB. */
const CHUNKS_AHEAD = 8;

const WORKER_URL = new URL('./parseWorker.mjs', import.meta.url);

export async function parseInWorker(
  source: AsyncIterable<Uint8Array | string>,
  engine: Engine,
  batchRows: number,
  onBytes: (chunk: Uint8Array) => void,
  onEvent: (event: ParseEvent<EncodedBatch>) => Promise<void>,
): Promise<void> {
  const worker = new Worker(WORKER_URL, {
    workerData: { engine, batchRows } satisfies WorkerData,
    // The bootstrap loads tsx itself; the parent's loader flags are not for a worker.
    execArgv: [],
  });
  const post = (m: ToWorker) => {
    worker.postMessage(m);
  };
  const reader = source[Symbol.asyncIterator]();
  let reading: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  const inbox: FromWorker[] = [];
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const fail = (error: unknown) => {
    failure ??= { error };
    notify();
  };
  const readOne = () => {
    reading = reading.then(async () => {
      if (failure !== undefined) return;
      try {
        const next = await reader.next();
        if (next.done === true) {
          post({ type: 'end' });
          return;
        }
        const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
        onBytes(chunk);
        post({ type: 'chunk', data: chunk });
      } catch (error) {
        fail(error);
      }
    });
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'more') readOne();
    else {
      inbox.push(m);
      notify();
    }
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    fail(new Error(`the registry parsing thread stopped (exit ${String(code)})`));
  });
  try {
    for (let i = 0; i < CHUNKS_AHEAD; i++) readOne();
    for (;;) {
      const m = inbox.shift();
      if (m === undefined) {
        if (failure !== undefined) throw failure.error;
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      if (m.type !== 'events') continue;
      for (const event of m.events) {
        await onEvent(event);
        if (event.kind === 'batch') post({ type: 'ack' });
        if (event.kind === 'done' || event.kind === 'refused') return;
      }
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
    await reading;
    await reader.return?.();
  }
}
