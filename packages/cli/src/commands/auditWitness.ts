import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { err, ok, problem, type Problem, type Result } from '@sandogh/core';
import type { AuditCheckpoint } from '@sandogh/store';
import { jsonText, readJsonFile } from '../files.js';

/**
 * An observer's copy of the HQ's signed audit checkpoints (docs/AUDIT.md §3, "witnesses"):
 * fetched from the public GET /api/v1/audit/checkpoints and kept outside HQ, so that a log
 * rewritten or cut later — even by someone holding the HQ key — no longer matches it
 * (`sandogh audit verify --witness FILE`).
 */

export const WITNESS_FORMAT = 'sandogh/v1/audit-witness';

const checkpoint = z.strictObject({
  sequence: z.int().min(1),
  entryHash: z.string().regex(/^[0-9a-f]{64}$/),
  signedAt: z.string().max(40),
  reason: z.string().max(64),
  keyId: z.string().max(64),
  publicKey: z.string().max(64),
  signature: z.string().max(128),
});

const witnessFile = z.strictObject({
  format: z.literal(WITNESS_FORMAT),
  hq: z.string().max(2_000),
  checkpoints: z.array(checkpoint),
});

type WitnessFile = z.infer<typeof witnessFile>;

export function readWitnessFile(file: string): Result<AuditCheckpoint[], Problem> {
  const raw = readJsonFile(file);
  if (!raw.ok) return raw;
  const parsed = witnessFile.safeParse(raw.value);
  if (!parsed.success)
    return err(
      problem('AUDIT_WITNESS_FILE_INVALID', {
        file,
        reason: parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`)
          .join('; '),
      }),
    );
  return ok(parsed.data.checkpoints);
}

const page = z.object({
  checkpoints: z.array(checkpoint),
  next: z.int().nullable(),
});

/** Every checkpoint the HQ publishes after `after`, page by page. */
async function fetchCheckpoints(
  hq: string,
  after: number,
): Promise<Result<AuditCheckpoint[], Problem>> {
  const found: AuditCheckpoint[] = [];
  let cursor: number | null = after;
  while (cursor !== null) {
    const url = new URL('/api/v1/audit/checkpoints', hq);
    url.searchParams.set('limit', '1000');
    if (cursor > 0) url.searchParams.set('after', String(cursor));
    let body: unknown;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      if (!res.ok)
        return err(problem('CLI_HQ_UNREACHABLE', { url: hq, reason: `HTTP ${res.status}` }));
      body = await res.json();
    } catch (e) {
      return err(
        problem('CLI_HQ_UNREACHABLE', {
          url: hq,
          reason: e instanceof Error ? e.message : String(e),
        }),
      );
    }
    const parsed = page.safeParse(body);
    if (!parsed.success)
      return err(problem('CLI_HQ_UNREACHABLE', { url: hq, reason: 'not a page of checkpoints' }));
    found.push(...parsed.data.checkpoints);
    cursor = parsed.data.next;
  }
  return ok(found);
}

/**
 * Adds what the HQ publishes now to the copy in `file` (created if absent). A checkpoint the
 * copy already holds must come back identical: a difference is kept out and reported, since
 * it means the HQ now shows another history than the one it published.
 */
export async function updateWitness(
  hq: string,
  file: string,
): Promise<Result<{ added: number; total: number; changed: number[] }, Problem>> {
  let kept: AuditCheckpoint[] = [];
  if (existsSync(file)) {
    const read = readWitnessFile(file);
    if (!read.ok) return read;
    kept = read.value;
  }
  const bySequence = new Map(kept.map((cp) => [cp.sequence, cp]));
  const fetched = await fetchCheckpoints(hq, 0);
  if (!fetched.ok) return fetched;
  let added = 0;
  const changed: number[] = [];
  for (const cp of fetched.value) {
    const old = bySequence.get(cp.sequence);
    if (old === undefined) {
      bySequence.set(cp.sequence, cp);
      added += 1;
    } else if (JSON.stringify(old) !== JSON.stringify(cp)) changed.push(cp.sequence);
  }
  const next: WitnessFile = {
    format: WITNESS_FORMAT,
    hq,
    checkpoints: [...bySequence.values()].sort((a, b) => a.sequence - b.sequence),
  };
  // Written beside and renamed: a crash never leaves the observer's copy half-written.
  writeFileSync(`${file}.tmp`, jsonText(next));
  renameSync(`${file}.tmp`, file);
  return ok({ added, total: next.checkpoints.length, changed });
}
