// Checks on one ballot (docs/CRYPTO.md §10, checks V5–V9). Used by the verifier in its worker
// threads; imports only the profile's definitions, never the device's encryption code.
import { add, baseMul, elementEquals, GENERATOR, mul } from './group.js';
import type { Element } from './group.js';
import { fromHex } from './codec.js';
import { addCiphertexts, ZERO_CIPHERTEXT } from './elgamal.js';
import type { Ciphertext } from './elgamal.js';
import { verifyBit } from './proofs.js';
import {
  ballotCiphertextHash,
  BallotNonces,
  limitBinding,
  limitWeights,
  parseBallot,
  selectionBinding,
} from './ballotFormat.js';
import type { ChallengedBallot, EncryptedBallot, ParsedBallot } from './ballotFormat.js';
import { BRANCH_ID, DAY } from './manifest.js';

export interface BallotCheckContext {
  readonly extendedHash: Uint8Array;
  readonly jointKey: Element;
  readonly seats: number;
  readonly candidateCount: number;
  readonly days: readonly string[];
}

/** V5: the ballot is well formed for this election and branch; returns the parsed ballot or why not. */
export function checkBallotShape(
  ctx: BallotCheckContext,
  b: EncryptedBallot,
  branchId: string,
): ParsedBallot | string {
  try {
    const raw: unknown = b;
    if (typeof raw !== 'object' || raw === null) return 'not an object';
    if (b.branchId !== branchId || !BRANCH_ID.test(b.branchId))
      return `branch id ${b.branchId} does not match ${branchId}`;
    if (!DAY.test(b.day) || !ctx.days.includes(b.day)) return `day ${b.day} is not a voting day`;
    if (!elementEquals(fromHex(b.electionHash, 32), ctx.extendedHash))
      return 'made for another election (H_E differs)';
    const parsed = parseBallot(b);
    if (parsed.selections.length !== ctx.candidateCount)
      return `${parsed.selections.length} selections for ${ctx.candidateCount} candidates`;
    if (parsed.limit.length !== limitWeights(ctx.seats).length)
      return `range proof has ${parsed.limit.length} bits`;
    return parsed;
  } catch (e) {
    return e instanceof Error ? e.message : 'malformed';
  }
}

/** One ballot, all its checks (for the HQ or a voter's own device): V5, then V7 and V8. */
export function verifyBallot(
  ctx: BallotCheckContext,
  b: EncryptedBallot,
  branchId: string,
): { ok: boolean; problem: string | null; badSelections: readonly number[]; limitOk: boolean } {
  const parsed = checkBallotShape(ctx, b, branchId);
  if (typeof parsed === 'string')
    return { ok: false, problem: parsed, badSelections: [], limitOk: false };
  const r = verifyBallotProofs(ctx, b, parsed);
  return { ok: r.badSelections.length === 0 && r.limitOk, problem: null, ...r };
}

export interface BallotProofResult {
  /** V7: indices of selections whose 0/1 proof fails. */
  readonly badSelections: readonly number[];
  /** V8: false when a bit proof fails or the bits do not add up to the ballot's selections. */
  readonly limitOk: boolean;
}

function double(c: Ciphertext): Ciphertext {
  return addCiphertexts(c, c);
}

/** C^w for a small public weight w, by double-and-add (cheaper than a scalar multiplication here). */
function smallPower(c: Ciphertext, w: number): Ciphertext {
  let acc = ZERO_CIPHERTEXT;
  let base = c;
  let first = true;
  for (let e = w; e > 0; e >>= 1) {
    if (e & 1) {
      acc = first ? base : addCiphertexts(acc, base);
      first = false;
    }
    if (e > 1) base = double(base);
  }
  return acc;
}

/** Σ selections of one ballot: its number of selections, encrypted. */
export function ballotSum(p: ParsedBallot): Ciphertext {
  const [first, ...rest] = p.selections;
  if (!first) return ZERO_CIPHERTEXT;
  return rest.reduce<Ciphertext>((acc, s) => addCiphertexts(acc, s.ct), first.ct);
}

/** V7 and V8 (§6.3, §6.4). */
export function verifyBallotProofs(
  ctx: BallotCheckContext,
  b: EncryptedBallot,
  p: ParsedBallot,
): BallotProofResult {
  const chi = ballotCiphertextHash(
    ctx.extendedHash,
    b.branchId,
    b.day,
    p.selections.map((s) => s.ct),
    p.limit.map((s) => s.ct),
  );
  const badSelections: number[] = [];
  p.selections.forEach((s, j) => {
    if (!verifyBit(ctx.jointKey, s.ct, s.proof, selectionBinding(chi, j))) badSelections.push(j);
  });
  let limitOk = p.limit.every((s, i) =>
    verifyBit(ctx.jointKey, s.ct, s.proof, limitBinding(chi, i)),
  );
  if (limitOk) {
    const weights = limitWeights(ctx.seats);
    // Σ_{i<n−1} 2^i C_i by Horner's rule, then the last weight.
    let acc: Ciphertext | null = null;
    for (let i = weights.length - 2; i >= 0; i--) {
      const ci = p.limit[i]?.ct ?? ZERO_CIPHERTEXT;
      acc = acc === null ? ci : addCiphertexts(double(acc), ci);
    }
    const last = smallPower(
      p.limit[weights.length - 1]?.ct ?? ZERO_CIPHERTEXT,
      weights[weights.length - 1] ?? 1,
    );
    const weighted = acc === null ? last : addCiphertexts(acc, last);
    const sum = ballotSum(p);
    limitOk = elementEquals(weighted.alpha, sum.alpha) && elementEquals(weighted.beta, sum.beta);
  }
  return { badSelections, limitOk };
}

/**
 * V9: a challenged ballot's opening re-creates every selection ciphertext from the seed:
 * α_j = g^{r_j}, β_j = g^{m_j}·K^{r_j} with r_j the seed's encryption nonce j (BallotNonces).
 */
export function verifyChallengedOpening(
  ctx: BallotCheckContext,
  p: ParsedBallot,
  seedHex: string,
  choices: readonly number[],
): boolean {
  let seed: Uint8Array;
  try {
    seed = fromHex(seedHex, 32);
  } catch {
    return false;
  }
  if (
    !Array.isArray(choices) ||
    new Set(choices).size !== choices.length ||
    choices.length > ctx.seats
  )
    return false;
  if (choices.some((c) => !Number.isInteger(c) || c < 0 || c >= ctx.candidateCount)) return false;
  const chosen = new Set(choices);
  const stream = new BallotNonces(seed, p.selections.length + p.limit.length);
  return p.selections.every((s, j) => {
    const r = stream.encryption(j);
    const kr = mul(ctx.jointKey, r);
    return (
      elementEquals(s.ct.alpha, baseMul(r)) &&
      elementEquals(s.ct.beta, chosen.has(j) ? add(kr, GENERATOR) : kr)
    );
  });
}

/** Benaloh check for a voter or observer: the challenged ballot is well formed and opens to its claimed choices. */
export function verifyChallengedBallot(
  ctx: BallotCheckContext,
  challenged: ChallengedBallot,
): boolean {
  const parsed = checkBallotShape(ctx, challenged.ballot, challenged.ballot.branchId);
  return (
    typeof parsed !== 'string' &&
    verifyChallengedOpening(ctx, parsed, challenged.reveal.seed, challenged.reveal.choices)
  );
}
