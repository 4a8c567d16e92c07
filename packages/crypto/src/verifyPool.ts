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
  return new URL(
    import.meta.url.endsWith('.ts') ? './verifyWorker.ts' : './verifyWorker.js',
    import.meta.url,
  );
}

/**
 * Node 20 does not hand a parent's module hooks (tsx) to its workers, so a TypeScript worker is
 * started from a tiny bootstrap that registers tsx first; compiled JavaScript starts directly.
 */
function startWorker(url: URL, ctx: ChunkContext): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: ctx });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: ctx });
}

export async function runChunks(
  ctx: ChunkContext,
  tasks: readonly ChunkTask[],
  workers: number,
  onProgress?: (done: number, total: number) => void,
): Promise<ChunkVerdict[]> {
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
  const pool = Array.from({ length: Math.min(workers, tasks.length) }, () => startWorker(url, ctx));
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
            worker.on('exit', (code) => {
              if (next < tasks.length || done < tasks.length)
                reject(new Error(`verifier worker exited with code ${code}`));
            });
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
    for (let i = 0; i < b.cast.length; i += size)
      tasks.push({ branchId: b.branchId, cast: b.cast.slice(i, i + size), challenged: [] });
    for (let i = 0; i < b.challenged.length; i += size)
      tasks.push({ branchId: b.branchId, cast: [], challenged: b.challenged.slice(i, i + size) });
  }
  return tasks;
}
