// The per-ballot checks of the verifier (docs/CRYPTO.md §10: V5, V7, V8, V9), run on a chunk of
// one branch's ballots inside a worker thread. Returns codes and sums for the cross-ballot checks.
import { parseElement } from './codec.js';
import type { Hex } from './codec.js';
import { trackingCode } from './ballotFormat.js';
import type { ChallengedBallot, EncryptedBallot } from './ballotFormat.js';
import { checkBallotShape, verifyBallotProofs, verifyChallengedOpening } from './verifyBallot.js';
import type { BallotCheckContext } from './verifyBallot.js';
import { addCiphertexts, ciphertextToJson, ZERO_CIPHERTEXT } from './elgamal.js';
import type { Ciphertext, CiphertextJson } from './elgamal.js';
import { fromHex } from './codec.js';

export interface ChunkContext {
  readonly extendedHash: Hex;
  readonly jointKey: Hex;
  readonly seats: number;
  readonly candidateCount: number;
  readonly days: readonly string[];
}

export interface ChunkTask {
  readonly branchId: string;
  readonly cast: readonly EncryptedBallot[];
  readonly challenged: readonly ChallengedBallot[];
}

export interface BallotVerdict {
  /** null when the ballot is too malformed to hash. */
  readonly code: Hex | null;
  readonly shapeError?: string;
  readonly badSelections?: readonly number[];
  readonly limitOk?: boolean;
  readonly openingOk?: boolean;
}

export interface ChunkVerdict {
  readonly branchId: string;
  readonly cast: readonly BallotVerdict[];
  readonly challenged: readonly BallotVerdict[];
  /** Σ of the well-formed cast ballots' selections, per candidate. */
  readonly sum: readonly CiphertextJson[];
}

export function toCheckContext(c: ChunkContext): BallotCheckContext {
  return {
    extendedHash: fromHex(c.extendedHash, 32),
    jointKey: parseElement(c.jointKey),
    seats: c.seats,
    candidateCount: c.candidateCount,
    days: c.days,
  };
}

function codeOf(b: EncryptedBallot): Hex | null {
  try {
    return trackingCode(b);
  } catch {
    return null;
  }
}

export function verifyChunk(ctx: BallotCheckContext, task: ChunkTask): ChunkVerdict {
  const sum: Ciphertext[] = Array.from({ length: ctx.candidateCount }, () => ZERO_CIPHERTEXT);
  const cast = task.cast.map((b): BallotVerdict => {
    const code = codeOf(b);
    const parsed = checkBallotShape(ctx, b, task.branchId);
    if (typeof parsed === 'string') return { code, shapeError: parsed };
    parsed.selections.forEach((s, i) => {
      sum[i] = addCiphertexts(sum[i] ?? ZERO_CIPHERTEXT, s.ct);
    });
    return { code, ...verifyBallotProofs(ctx, b, parsed) };
  });
  const challenged = task.challenged.map((c): BallotVerdict => {
    const code = codeOf(c.ballot);
    const parsed = checkBallotShape(ctx, c.ballot, task.branchId);
    if (typeof parsed === 'string') return { code, shapeError: parsed };
    const seed = typeof c.reveal.seed === 'string' ? c.reveal.seed : '';
    return { code, openingOk: verifyChallengedOpening(ctx, parsed, seed, c.reveal.choices) };
  });
  return { branchId: task.branchId, cast, challenged, sum: sum.map(ciphertextToJson) };
}
