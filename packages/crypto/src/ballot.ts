// The voting device's side of the ballot (docs/CRYPTO.md §7): encryption with all proofs, and
// the Benaloh challenge reveal. Every random value of a ballot derives from one 32-byte seed,
// so revealing the seed opens a challenged ballot completely, and a cast ballot's seed is wiped.
import {
  randomBytes,
  scalarAdd,
  scalarFromInt,
  scalarInvert,
  scalarMul,
  scalarSub,
  SCALAR_ZERO,
} from './group.js';
import type { Element, Scalar } from './group.js';
import { fromHex, toHex } from './codec.js';
import type { Hex } from './codec.js';
import { encryptBit } from './elgamal.js';
import type { Ciphertext } from './elgamal.js';
import { proveBit } from './proofs.js';
import type { ProofBinding } from './proofs.js';
import {
  ballotCiphertextHash,
  BallotNonces,
  limitBinding,
  limitBits,
  limitWeights,
  selectionBinding,
  selectionToJson,
  shortTrackingCode,
  trackingCode,
} from './ballotFormat.js';
import type { BallotSecret, ChallengedBallot, EncryptedBallot } from './ballotFormat.js';
import { BRANCH_ID, DAY } from './manifest.js';

/** What a device needs to encrypt: from the published context.json. */
export interface BallotContext {
  readonly extendedHash: Uint8Array;
  readonly jointKey: Element;
  readonly seats: number;
  readonly candidateCount: number;
}

export interface BallotHeader {
  readonly branchId: string;
  readonly day: string;
}

export interface EncryptionResult {
  readonly ballot: EncryptedBallot;
  readonly trackingCode: Hex;
  readonly shortCode: string;
  readonly secret: BallotSecret;
}

export class BallotInputError extends Error {
  override readonly name = 'BallotInputError';
}

/**
 * Encrypts the chosen candidates (indices into the manifest's candidate list; at most L, none is
 * a blank ballot). Throws BallotInputError on anything a valid ballot cannot say.
 */
export function encryptBallot(
  ctx: BallotContext,
  header: BallotHeader,
  choices: readonly number[],
  options: { seed?: Uint8Array } = {},
): EncryptionResult {
  if (!BRANCH_ID.test(header.branchId)) throw new BallotInputError('bad branch id');
  if (!DAY.test(header.day)) throw new BallotInputError('day must be YYYY-MM-DD');
  const chosen = new Set(choices);
  if (chosen.size !== choices.length) throw new BallotInputError('a candidate is chosen twice');
  for (const c of chosen)
    if (!Number.isInteger(c) || c < 0 || c >= ctx.candidateCount)
      throw new BallotInputError(`no candidate at index ${c}`);
  if (chosen.size > ctx.seats) throw new BallotInputError(`more than ${ctx.seats} selections`);
  const seed = options.seed ?? randomBytes(32);
  if (seed.length !== 32) throw new BallotInputError('seed must be 32 bytes');

  const bits: (0 | 1)[] = Array.from({ length: ctx.candidateCount }, (_, i) =>
    chosen.has(i) ? 1 : 0,
  );
  const weights = limitWeights(ctx.seats);
  const stream = new BallotNonces(seed, ctx.candidateCount + weights.length);
  const nonces = bits.map((_, j) => stream.encryption(j));
  const selections = bits.map((bit, j) => encryptBit(ctx.jointKey, bit, nonces[j] ?? SCALAR_ZERO));

  // Range proof (§6.4): bits b_i of S = Σ m_j with weights w_i; the randomness t_i of the last bit
  // is solved so that Π C_i^{w_i} equals the product of the selections exactly.
  const lBits = limitBits(chosen.size, ctx.seats);
  const rSum = nonces.reduce<Scalar>((acc, r) => scalarAdd(acc, r), SCALAR_ZERO);
  const tNonces: Scalar[] = [];
  let weighted = SCALAR_ZERO;
  for (let i = 0; i < weights.length - 1; i++) {
    const t = stream.encryption(ctx.candidateCount + i);
    tNonces.push(t);
    weighted = scalarAdd(weighted, scalarMul(scalarFromInt(weights[i] ?? 0), t));
  }
  const lastWeight = scalarFromInt(weights[weights.length - 1] ?? 1);
  tNonces.push(scalarMul(scalarSub(rSum, weighted), scalarInvert(lastWeight)));
  const limit = lBits.map((bit, i) => encryptBit(ctx.jointKey, bit, tNonces[i] ?? SCALAR_ZERO));

  const chi = ballotCiphertextHash(
    ctx.extendedHash,
    header.branchId,
    header.day,
    selections,
    limit,
  );
  const prove = (ct: Ciphertext, bit: 0 | 1, r: Scalar, i: number, binding: ProofBinding) =>
    selectionToJson(ct, proveBit(ctx.jointKey, ct, bit, r, binding, stream.proof(i)));
  const ballot: EncryptedBallot = {
    electionHash: toHex(ctx.extendedHash),
    branchId: header.branchId,
    day: header.day,
    selections: selections.map((ct, j) =>
      prove(ct, bits[j] ?? 0, nonces[j] ?? SCALAR_ZERO, j, selectionBinding(chi, j)),
    ),
    limit: limit.map((ct, i) =>
      prove(
        ct,
        lBits[i] ?? 0,
        tNonces[i] ?? SCALAR_ZERO,
        ctx.candidateCount + i,
        limitBinding(chi, i),
      ),
    ),
  };
  const code = trackingCode(ballot);
  return {
    ballot,
    trackingCode: code,
    shortCode: shortTrackingCode(code),
    secret: { seed: toHex(seed), choices: [...chosen].sort((a, b) => a - b) },
  };
}

/** Benaloh challenge: the voter chose not to cast; publish the opening so anyone can check it. */
export function revealBallot(
  result: Pick<EncryptionResult, 'ballot' | 'secret'>,
): ChallengedBallot {
  fromHex(result.secret.seed, 32);
  return {
    ballot: result.ballot,
    reveal: { seed: result.secret.seed, choices: [...result.secret.choices] },
  };
}
