// The branch tally report (docs/CRYPTO.md §7.4, §11): signed at closing by the branch's
// registered keys, it fixes the set of ballots (Merkle roots), their number and encrypted totals.
import { Transcript } from './hash.js';
import { fromHex, toHex } from './codec.js';
import type { Hex } from './codec.js';
import { ed25519Sign, ed25519Verify } from './symmetric.js';
import type { EncryptedTally } from './elgamal.js';

export interface ReportSignature {
  readonly publicKey: Hex;
  readonly signature: Hex;
}

export interface BranchTallyReport {
  readonly branchId: string;
  /** RFC 6962 root over the sorted tracking codes of the cast ballots. */
  readonly castRoot: Hex;
  /** Same over the challenged (spoiled) ballots, which are published but never counted. */
  readonly challengedRoot: Hex;
  readonly challengedCount: number;
  /** ballotCount and the per-candidate product of the cast ballots' selections. */
  readonly tally: EncryptedTally;
  readonly signatures: readonly ReportSignature[];
}

/** The bytes every signature covers: H_E and every field above except the signatures. */
export function branchReportMessage(
  extendedHash: Uint8Array,
  r: Omit<BranchTallyReport, 'signatures'>,
): Uint8Array {
  const t = new Transcript('branch-report').bytes(extendedHash).string(r.branchId);
  t.bytes(fromHex(r.castRoot, 32))
    .bytes(fromHex(r.challengedRoot, 32))
    .u64(r.challengedCount)
    .u64(r.tally.ballotCount);
  t.u64(r.tally.totals.length);
  for (const c of r.tally.totals) t.bytes(fromHex(c.alpha, 32)).bytes(fromHex(c.beta, 32));
  return t.encode();
}

export function signBranchReport(
  extendedHash: Uint8Array,
  r: BranchTallyReport,
  secretKey: Uint8Array,
  publicKey: Uint8Array,
): BranchTallyReport {
  const signature = ed25519Sign(branchReportMessage(extendedHash, r), secretKey);
  return {
    ...r,
    signatures: [...r.signatures, { publicKey: toHex(publicKey), signature: toHex(signature) }],
  };
}

export function verifyReportSignature(
  extendedHash: Uint8Array,
  r: BranchTallyReport,
  s: ReportSignature,
): boolean {
  try {
    return ed25519Verify(
      fromHex(s.signature, 64),
      branchReportMessage(extendedHash, r),
      fromHex(s.publicKey, 32),
    );
  } catch {
    return false;
  }
}
