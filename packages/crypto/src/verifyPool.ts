// Spreads the per-ballot checks over every core (docs/CRYPTO.md §10.1). With workers = 0 the
// checks run in this thread (tests, tiny records). The worker file is TypeScript in development:
// when the parent runs without a TypeScript loader, the worker gets `--import tsx`.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { toCheckContext, verifyChunk } from './verifyChunk.js';
import type { ChunkContext, ChunkTask, ChunkVerdict } from './verifyChunk.js';

export function defaultWorkerCount(): number {
  return availableParallelism();
}

function workerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './verifyWorker.ts' : './verifyWorker.js', import.meta.url);
}

function workerExecArgv(url: URL): string[] {
  const argv = process.execArgv;
  const hasLoader = argv.some((a) => a.includes('tsx'));
  return url.pathname.endsWith('.ts') && !hasLoader ? [...argv, '--import', 'tsx'] : argv;
}

export async function runChunks(ctx: ChunkContext, tasks: readonly ChunkTask[], workers: number, onProgress?: (done: number, total: number) => void): Promise<ChunkVerdict[]> {
  const results: ChunkVerdict[] = new Array<ChunkVerdict>(tasks.length);
  if (workers <= 0 || tasks.length === 0) {
    const checkCtx = toCheckContext(ctx);
    tasks.forEach((t, i) => {
      results[i] = verifyChunk(checkCtx, t);
      onProgress?.(i + 1, tasks.length);
    });
    return results;
  }
  const url = workerUrl();
  const pool = Array.from({ length: Math.min(workers, tasks.length) }, () => new Worker(url, { workerData: ctx, execArgv: workerExecArgv(url) }));
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              if (next >= tasks.length) {
                resolve();
                return;
              }
              const id = next++;
              worker.postMessage({ id, task: tasks[id] });
            };
            worker.on('message', (msg: { id: number; verdict?: ChunkVerdict; error?: string }) => {
              if (msg.verdict) results[msg.id] = msg.verdict;
              else {
                reject(new Error(`verifier worker failed: ${msg.error ?? 'unknown'}`));
                return;
              }
              onProgress?.(++done, tasks.length);
              feed();
            });
            worker.on('error', reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}

/** Chunks small enough to keep every core busy, never mixing branches. */
export function chunkBranches(branches: readonly ChunkTask[], size = 64): ChunkTask[] {
  const tasks: ChunkTask[] = [];
  for (const b of branches) {
    if (b.cast.length + b.challenged.length <= size) {
      tasks.push(b);
      continue;
    }
    for (let i = 0; i < b.cast.length; i += size) tasks.push({ branchId: b.branchId, cast: b.cast.slice(i, i + size), challenged: [] });
    for (let i = 0; i < b.challenged.length; i += size) tasks.push({ branchId: b.branchId, cast: [], challenged: b.challenged.slice(i, i + size) });
  }
  return tasks;
}
