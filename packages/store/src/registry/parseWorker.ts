import { parentPort, workerData } from 'node:worker_threads';
import type { Engine } from '../store.js';
import { parseRegistry, type ParsedBatch, type ParseEvent } from './parse.js';
import { encodeBatch, type EncodedBatch } from './write.js';

/**
 * The registry import's second thread (issue 4: 10 million rows in under 2 minutes): reads
 * the file's bytes as the main thread hands them over, parses and checks every row, and sends
 * batches back already encoded for the engine's staging statement — so that parsing the next
 * batch overlaps writing this one. Flow control both ways keeps memory bounded: the main
 * thread sends a chunk only when one was consumed, and this thread waits once
 * MAX_UNACKED_BATCHES batches are unwritten.
 */

export interface WorkerData {
  readonly engine: Engine;
  readonly batchRows: number;
}

/** Main → worker. */
export type ToWorker =
  | { readonly type: 'chunk'; readonly data: Uint8Array }
  | { readonly type: 'end' }
  | { readonly type: 'ack' };

/** Worker → main: events in file order, and requests for more bytes. */
export type FromWorker =
  | { readonly type: 'more' }
  | {
      readonly type: 'events';
      readonly events: readonly ParseEvent<EncodedBatch>[];
    };

export const MAX_UNACKED_BATCHES = 4;

const port = parentPort;
if (port === null) throw new Error('parseWorker.ts runs as a worker thread only');
const { engine, batchRows } = workerData as WorkerData;

const chunks: (Uint8Array | null)[] = [];
let chunkArrived: (() => void) | undefined;
let unacked = 0;
let acked: (() => void) | undefined;

port.on('message', (m: ToWorker) => {
  if (m.type === 'ack') {
    unacked -= 1;
    acked?.();
    acked = undefined;
    return;
  }
  chunks.push(m.type === 'chunk' ? m.data : null);
  chunkArrived?.();
  chunkArrived = undefined;
});

async function* input(): AsyncGenerator<Uint8Array> {
  for (;;) {
    while (chunks.length === 0) await new Promise<void>((r) => (chunkArrived = r));
    const chunk = chunks.shift();
    if (chunk === null || chunk === undefined) return;
    port?.postMessage({ type: 'more' } satisfies FromWorker);
    yield chunk;
  }
}

let pending: ParseEvent<EncodedBatch>[] = [];
const send = () => {
  port.postMessage({ type: 'events', events: pending } satisfies FromWorker);
  pending = [];
};

await parseRegistry(input(), batchRows, async (event: ParseEvent<ParsedBatch>) => {
  if (event.kind !== 'batch') {
    pending.push(event);
    // Rejects ride with the next batch; a file of nothing but rejects sends them in thousands.
    if (event.kind !== 'reject' || pending.length >= 1_000) send();
    return;
  }
  while (unacked >= MAX_UNACKED_BATCHES) await new Promise<void>((r) => (acked = r));
  unacked += 1;
  pending.push({ ...event, rows: encodeBatch(engine, event.rows) });
  send();
});
if (pending.length > 0) send();
