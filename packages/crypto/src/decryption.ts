// The board's side of decryption (docs/CRYPTO.md §9.2–9.3): each present member decrypts
// partially with a proof; the HQ combines any k or more valid partials and finds the counts.
import { baseMul, mul, randomScalar } from './group.js';
import type { Element } from './group.js';
import { parseElement, parseScalar, toHex } from './codec.js';
import { ciphertextFromJson } from './elgamal.js';
import { proveDleq } from './proofs.js';
import type { NonceSource } from './proofs.js';
import { proofToJson, jointCommitments, publicShareKey } from './ceremonyFormat.js';
import type { MemberAnnouncement } from './ceremonyFormat.js';
import {
  combinePartials,
  decryptionBinding,
  isIdentityTotals,
  verifyPartialShare,
} from './decryptionFormat.js';
import type { BranchResult, ElectionResult, PartialDecryption } from './decryptionFormat.js';
import type { ElectionContext } from './context.js';
import type { MemberSecret } from './ceremony.js';
import type { EncryptedTally } from './elgamal.js';
import { DiscreteLog } from './dlog.js';
import type { BranchTally } from './recordTally.js';

export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';
}

export function partialDecrypt(
  ctx: ElectionContext,
  secret: MemberSecret,
  tally: EncryptedTally,
  nonce: NonceSource = randomScalar,
): PartialDecryption {
  if (secret.share === undefined)
    throw new DecryptionError('this member has no share: the ceremony did not finish');
  const s = parseScalar(secret.share);
  const shareKey = baseMul(s);
  return {
    index: secret.index,
    shares: tally.totals.map((j) => {
      const ct = ciphertextFromJson(j);
      const m = mul(ct.alpha, s);
      return {
        m: toHex(m),
        proof: proofToJson(
          proveDleq(
            s,
            shareKey,
            ct.alpha,
            m,
            decryptionBinding(ctx.extendedHash, ct, secret.index),
            nonce,
          ),
        ),
      };
    }),
  };
}

/**
 * Combines partial decryptions: those whose proofs fail are left out (and named in the error if
 * fewer than k remain). The count bound is the number of ballots, which keeps the search short.
 */
export function combineDecryption(
  ctx: ElectionContext,
  contestId: string,
  announcements: readonly MemberAnnouncement[],
  tally: EncryptedTally,
  partials: readonly PartialDecryption[],
  dlog?: DiscreteLog,
): ElectionResult {
  const joint = jointCommitments(announcements, ctx.k);
  const cts = tally.totals.map(ciphertextFromJson);
  const valid: PartialDecryption[] = [];
  const rejected: number[] = [];
  for (const p of partials) {
    if (
      valid.some((v) => v.index === p.index) ||
      p.index < 1 ||
      p.index > ctx.n ||
      p.shares.length !== cts.length
    ) {
      rejected.push(p.index);
      continue;
    }
    const key = publicShareKey(joint, p.index);
    const ok = p.shares.every((share, c) => {
      const ct = cts[c];
      return ct !== undefined && verifyPartialShare(ctx.extendedHash, key, ct, p.index, share);
    });
    if (ok) valid.push(p);
    else rejected.push(p.index);
  }
  if (valid.length < ctx.k) {
    throw new DecryptionError(
      `need ${ctx.k} valid partial decryptions, have ${valid.length}${rejected.length ? `; rejected members ${rejected.join(', ')}` : ''}`,
    );
  }
  valid.sort((a, b) => a.index - b.index);
  const present = valid.map((p) => p.index);
  const solver =
    dlog && dlog.bound >= tally.ballotCount ? dlog : new DiscreteLog(tally.ballotCount, cts.length);
  const counts = cts.map((ct, c) => {
    const shares = new Map<number, Element>(
      valid.map((p) => [p.index, parseElement(p.shares[c]?.m ?? '')]),
    );
    const t = solver.solve(combinePartials(ct, present, shares));
    if (t === null)
      throw new DecryptionError(
        `total of candidate ${c} is not a count in 0..${tally.ballotCount}`,
      );
    return t;
  });
  return {
    contestId,
    ballotCount: tally.ballotCount,
    counts,
    totals: tally.totals,
    present,
    partials: valid,
  };
}

/** One member's partial decryption of one branch's totals (what `ceremony decrypt` writes). */
export interface BranchPartial {
  readonly branchId: string;
  readonly partial: PartialDecryption;
}

/**
 * The branches whose totals need partial decryptions: every one but those whose totals are the
 * identity pair (no ballots), which decrypt to 0 under any key and carry no proofs (§9.2, V17).
 */
export function branchesToDecrypt(branches: readonly BranchTally[]): BranchTally[] {
  return branches.filter((b) => !isIdentityTotals(b.tally.totals));
}

/** A member's partial decryptions of every branch that needs them (`branchesToDecrypt`). */
export function partialDecryptBranches(
  ctx: ElectionContext,
  secret: MemberSecret,
  branches: readonly BranchTally[],
  onBranch?: (done: number, total: number) => void,
): BranchPartial[] {
  const todo = branchesToDecrypt(branches);
  return todo.map((b, i) => {
    const partial = partialDecrypt(ctx, secret, b.tally);
    onBranch?.(i + 1, todo.length);
    return { branchId: b.branchId, partial };
  });
}

/**
 * Each branch's result (decryption/branches.json, V17): a branch with identity totals is 0 for
 * every candidate with no members nor partials; any other is combined from the partials
 * `partialsOf` gives for it, as `combineDecryption` does (which throws if fewer than k are valid).
 */
export function combineBranches(
  ctx: ElectionContext,
  contestId: string,
  announcements: readonly MemberAnnouncement[],
  branches: readonly BranchTally[],
  partialsOf: (branchId: string) => readonly PartialDecryption[],
  dlog?: DiscreteLog,
  onBranch?: (done: number, total: number) => void,
): BranchResult[] {
  return branches.map((b, i) => {
    let result: BranchResult;
    if (isIdentityTotals(b.tally.totals))
      result = {
        branchId: b.branchId,
        ballotCount: b.tally.ballotCount,
        counts: b.tally.totals.map(() => 0),
        present: [],
        partials: [],
      };
    else {
      const r = combineDecryption(
        ctx,
        contestId,
        announcements,
        b.tally,
        partialsOf(b.branchId),
        dlog,
      );
      result = {
        branchId: b.branchId,
        ballotCount: r.ballotCount,
        counts: r.counts,
        present: r.present,
        partials: r.partials,
      };
    }
    onBranch?.(i + 1, branches.length);
    return result;
  });
}
