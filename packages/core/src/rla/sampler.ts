import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { problem } from '../errors.js';
import type { Problem } from '../problem.js';
import { err, ok } from '../result.js';
import type { Result } from '../result.js';
import { problemsFromZod } from '../zodProblems.js';

/**
 * The public sampler of the risk-limiting audit (docs/RLA.md §Sampler). Anyone holding the seed
 * (digits from dice rolled in the audit session) and the ballot manifest reproduces every draw
 * with a SHA-256 tool and big-integer arithmetic:
 *
 *   ticket(k) = SHA-256(UTF-8 of `${seed},${k}`) read as a 256-bit big-endian integer, k = 1, 2, …
 *   index(k)  = ticket(k) mod N, N the ballots in the manifest, if ticket(k) < 2²⁵⁶ − (2²⁵⁶ mod N);
 *               otherwise ticket is recomputed from `${seed},${k},${r}` for r = 1, 2, … (rejection:
 *               no modulo bias; it happens with probability below N / 2²⁵⁶)
 *   index → (branch, position): branches in ascending id order, each holding positions 1…ballots
 *   of its sealed box; index 0 is the first branch's position 1.
 *
 * Draws are with replacement (BRAVO's model): a paper drawn twice is retrieved once and counts
 * twice. Rivest's `sampler.py` (used by Colorado's audits) has the same shape; this one is
 * simpler because BRAVO needs no sampling without replacement.
 */

const SEED_DIGITS = 20;
const TWO_256 = 1n << 256n;

export const auditSeed = z
  .string()
  .regex(/^[0-9]+$/)
  .min(SEED_DIGITS);

export const branchBallots = z.strictObject({
  branchId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
  /** Paper votes in the branch's sealed box. */
  ballots: z.int().min(0).max(1_000_000),
});
export const ballotManifest = z.array(branchBallots).min(1).max(100_000);

export type BranchBallots = z.infer<typeof branchBallots>;

/** A manifest checked and put in the sampler's order, with running totals for the lookup. */
export interface BallotManifest {
  readonly branches: readonly BranchBallots[];
  /** starts[i] = Σ ballots of branches before i. */
  readonly starts: readonly number[];
  readonly total: number;
}

export interface SampledBallot {
  /** k: the draw's number, from 1. */
  readonly draw: number;
  readonly branchId: string;
  /** 1-based position in the branch's sealed box. */
  readonly position: number;
}

export function checkSeed(seed: string): Result<string, Problem> {
  const parsed = auditSeed.safeParse(seed);
  return parsed.success
    ? ok(parsed.data)
    : err(problem('RLA_SEED_INVALID', { minimum: SEED_DIGITS }));
}

export function buildManifest(input: unknown): Result<BallotManifest, readonly Problem[]> {
  const parsed = ballotManifest.safeParse(input, { reportInput: true });
  if (!parsed.success) return err(problemsFromZod(parsed.error));
  const branches = [...parsed.data].sort((a, b) =>
    a.branchId < b.branchId ? -1 : a.branchId > b.branchId ? 1 : 0,
  );
  const repeated = branches.find((b, i) => branches[i - 1]?.branchId === b.branchId);
  if (repeated !== undefined)
    return err([problem('DEFINITION_DUPLICATE_ID', { id: repeated.branchId, first: 'manifest' })]);
  const starts: number[] = [];
  let total = 0;
  for (const b of branches) {
    starts.push(total);
    total += b.ballots;
  }
  if (total === 0)
    return err([problem('RLA_PARAMETERS_INVALID', { reason: 'the manifest holds no ballot' })]);
  return ok({ branches, starts, total });
}

function ticket(text: string): bigint {
  return BigInt(`0x${bytesToHex(sha256(utf8ToBytes(text)))}`);
}

/** index(k) of the documented sampler, in 0…N−1. */
export function sampleIndex(seed: string, draw: number, total: number): number {
  const n = BigInt(total);
  const limit = TWO_256 - (TWO_256 % n);
  let value = ticket(`${seed},${draw}`);
  for (let retry = 1; value >= limit; retry++) value = ticket(`${seed},${draw},${retry}`);
  return Number(value % n);
}

/** The branch and position of a 0-based manifest index (binary search over `starts`). */
export function locate(
  manifest: BallotManifest,
  index: number,
): { branchId: string; position: number } {
  let low = 0;
  let high = manifest.branches.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((manifest.starts[middle] ?? 0) <= index) low = middle;
    else high = middle - 1;
  }
  // Branches with no ballots share a start with the next one; the last of them holds the index.
  const branch = manifest.branches[low];
  const start = manifest.starts[low] ?? 0;
  if (branch === undefined) throw new Error('empty manifest');
  return { branchId: branch.branchId, position: index - start + 1 };
}

/** Draws k = first … first + count − 1. */
export function drawSample(
  seed: string,
  manifest: BallotManifest,
  first: number,
  count: number,
): SampledBallot[] {
  const out: SampledBallot[] = [];
  for (let draw = first; draw < first + count; draw++)
    out.push({ draw, ...locate(manifest, sampleIndex(seed, draw, manifest.total)) });
  return out;
}

/** What the people opening one sealed box must take out: each position once, in box order. */
export interface RetrievalItem {
  readonly position: number;
  /** The draws that chose it (more than one when drawn again: it counts once per draw). */
  readonly draws: readonly number[];
}

export interface BranchRetrieval {
  readonly branchId: string;
  readonly items: readonly RetrievalItem[];
}

/** Retrieval lists per branch, branches and positions ascending. */
export function retrievalLists(sample: readonly SampledBallot[]): BranchRetrieval[] {
  const byBranch = new Map<string, Map<number, number[]>>();
  for (const s of sample) {
    const positions = byBranch.get(s.branchId) ?? new Map<number, number[]>();
    positions.set(s.position, [...(positions.get(s.position) ?? []), s.draw]);
    byBranch.set(s.branchId, positions);
  }
  return [...byBranch]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([branchId, positions]) => ({
      branchId,
      items: [...positions]
        .sort(([a], [b]) => a - b)
        .map(([position, draws]) => ({ position, draws })),
    }));
}
