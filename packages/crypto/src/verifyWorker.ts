// Worker-thread entry of the verifier (docs/CRYPTO.md §10.1): checks chunks of ballots sent by
// verifyPool.ts. Runs under the same loader as the parent (tsx in development).
import { parentPort, workerData } from 'node:worker_threads';
import { toCheckContext, verifyChunk } from './verifyChunk.js';
import type { ChunkContext, ChunkTask } from './verifyChunk.js';

const ctx = toCheckContext(workerData as ChunkContext);

parentPort?.on('message', (msg: { id: number; task: ChunkTask }) => {
  try {
    parentPort?.postMessage({ id: msg.id, verdict: verifyChunk(ctx, msg.task) });
  } catch (e) {
    parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
