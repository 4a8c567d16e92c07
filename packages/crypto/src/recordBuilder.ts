// Assembling the public record from what the stations and the board produced (docs/CRYPTO.md §11).
// Producer-side: the verifier never imports this file.
import { sumBallots } from './tally.js';
import { merkleRoot } from './merkle.js';
import { trackingCode } from './ballotFormat.js';
import type { EncryptedBallot } from './ballotFormat.js';
import { signBranchReport } from './branchReport.js';
import type { BranchTallyReport } from './branchReport.js';
import type { BranchRecord, ChallengedBallotRecord } from './record.js';

export interface ReportSigner {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

export function buildBranchReport(
  extendedHash: Uint8Array,
  branchId: string,
  candidateCount: number,
  cast: readonly EncryptedBallot[],
  challenged: readonly ChallengedBallotRecord[],
  signers: readonly ReportSigner[] = [],
): BranchTallyReport {
  const unsigned: BranchTallyReport = {
    branchId,
    castRoot: merkleRoot(cast.map(trackingCode)),
    challengedRoot: merkleRoot(challenged.map((c) => trackingCode(c.ballot))),
    challengedCount: challenged.length,
    tally: sumBallots(candidateCount, cast),
    signatures: [],
  };
  return signers.reduce(
    (r, s) => signBranchReport(extendedHash, r, s.secretKey, s.publicKey),
    unsigned,
  );
}

/** Ballots are stored sorted by tracking code, never in the order they were cast (DESIGN law 2). */
export function buildBranchRecord(
  extendedHash: Uint8Array,
  branchId: string,
  candidateCount: number,
  cast: readonly EncryptedBallot[],
  challenged: readonly ChallengedBallotRecord[],
  signers: readonly ReportSigner[] = [],
): BranchRecord {
  const byCode = <T>(items: readonly T[], code: (t: T) => string): T[] =>
    items
      .map((item) => ({ item, code: code(item) }))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map((k) => k.item);
  return {
    branchId,
    cast: byCode(cast, trackingCode),
    challenged: byCode(challenged, (c) => trackingCode(c.ballot)),
    report: buildBranchReport(extendedHash, branchId, candidateCount, cast, challenged, signers),
  };
}
