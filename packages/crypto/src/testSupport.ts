// Shared by the tests: a small election built once, and the tools of a dishonest device or HQ
// (re-signing reports and re-decrypting after tampering) so each tampering test isolates one check.
import { encrypt, encryptBit } from './elgamal.js';
import type { Ciphertext } from './elgamal.js';
import { proveBit } from './proofs.js';
import {
  ballotCiphertextHash,
  limitBinding,
  limitWeights,
  selectionBinding,
  selectionToJson,
} from './ballotFormat.js';
import type { EncryptedBallot } from './ballotFormat.js';
import {
  randomScalar,
  scalarAdd,
  scalarFromInt,
  scalarInvert,
  scalarMul,
  scalarSub,
  SCALAR_ZERO,
} from './group.js';
import type { Scalar } from './group.js';
import { toHex } from './codec.js';
import type { ElectionContext } from './context.js';
import { buildBranchRecord } from './recordBuilder.js';
import { TallyAccumulator } from './tally.js';
import { combineDecryption, partialDecrypt } from './decryption.js';
import { DiscreteLog } from './dlog.js';
import type { MemberSecret } from './ceremony.js';
import type { ElectionRecord } from './record.js';
import type { CheckId, VerificationReport } from './checks.js';

/**
 * A ballot as a cheating device would make it: any plaintexts, valid proofs wherever the
 * plaintext allows one, and the range-proof "bits" chosen freely (they must still multiply
 * to the ballot's sum, or the cheat is caught by plain equality).
 */
export function forgeBallot(
  ctx: ElectionContext,
  branchId: string,
  day: string,
  plain: readonly number[],
  limitPlain: readonly number[],
): EncryptedBallot {
  const k = ctx.jointKey;
  const rs = plain.map(() => randomScalar());
  const enc = (m: number, r: Scalar): Ciphertext =>
    m === 0 || m === 1 ? encryptBit(k, m, r) : encrypt(k, scalarFromInt(m), r);
  const selections = plain.map((m, j) => enc(m, rs[j] ?? SCALAR_ZERO));
  const weights = limitWeights(ctx.seats);
  const rSum = rs.reduce<Scalar>((a, r) => scalarAdd(a, r), SCALAR_ZERO);
  const ts: Scalar[] = [];
  let weighted = SCALAR_ZERO;
  for (let i = 0; i < weights.length - 1; i++) {
    const t = randomScalar();
    ts.push(t);
    weighted = scalarAdd(weighted, scalarMul(scalarFromInt(weights[i] ?? 0), t));
  }
  ts.push(
    scalarMul(
      scalarSub(rSum, weighted),
      scalarInvert(scalarFromInt(weights[weights.length - 1] ?? 1)),
    ),
  );
  const limit = limitPlain.map((m, i) => enc(m, ts[i] ?? SCALAR_ZERO));
  const chi = ballotCiphertextHash(ctx.extendedHash, branchId, day, selections, limit);
  const bit = (m: number): 0 | 1 => (m === 0 ? 0 : 1);
  return {
    electionHash: toHex(ctx.extendedHash),
    branchId,
    day,
    selections: selections.map((ct, j) =>
      selectionToJson(
        ct,
        proveBit(k, ct, bit(plain[j] ?? 0), rs[j] ?? SCALAR_ZERO, selectionBinding(chi, j)),
      ),
    ),
    limit: limit.map((ct, i) =>
      selectionToJson(
        ct,
        proveBit(k, ct, bit(limitPlain[i] ?? 0), ts[i] ?? SCALAR_ZERO, limitBinding(chi, i)),
      ),
    ),
  };
}

/**
 * What a dishonest HQ would do after changing ballots: re-issue the branch reports from the
 * ballots now present and decrypt again, so that only the check aimed at is left to fail.
 */
export function reissue(
  record: ElectionRecord,
  ctx: ElectionContext,
  secrets: readonly MemberSecret[],
  opts: { reports?: boolean; result?: boolean } = {},
): ElectionRecord {
  const n = record.manifest.candidates.length;
  const branches =
    opts.reports === false
      ? record.branches
      : record.branches.map((b) =>
          buildBranchRecord(ctx.extendedHash, b.branchId, n, b.cast, b.challenged),
        );
  if (opts.result === false) return { ...record, branches };
  const acc = new TallyAccumulator(n);
  for (const b of branches) if (b.report) acc.addTally(b.report.tally);
  const tally = acc.toJson();
  const partials = record.result.present.map((i) => {
    const s = secrets[i - 1];
    if (!s) throw new RangeError(`no secret for member ${i}`);
    return partialDecrypt(ctx, s, tally);
  });
  const result = combineDecryption(
    ctx,
    record.manifest.contestId,
    record.ceremony.announcements,
    tally,
    partials,
    new DiscreteLog(2 * tally.ballotCount + 2),
  );
  return { ...record, branches, result };
}

export function failing(report: VerificationReport): CheckId[] {
  return report.checks.filter((c) => !c.passed).map((c) => c.id);
}
