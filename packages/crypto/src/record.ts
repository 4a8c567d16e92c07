// The election record (docs/CRYPTO.md §11): everything the verifier needs, nothing secret.
import type { CryptoManifest } from './manifest.js';
import type { ElectionContextJson } from './context.js';
import type {
  AnnouncementCommitment,
  Complaint,
  MemberAnnouncement,
  ShareMessage,
} from './ceremonyFormat.js';
import type { ChallengedBallot, EncryptedBallot } from './ballotFormat.js';
import type { BranchTallyReport } from './branchReport.js';
import type { ElectionResult } from './decryptionFormat.js';

export interface CeremonyTranscript {
  /** Published before the announcements (§8.2 step 0); check V18. */
  readonly commitments: readonly AnnouncementCommitment[];
  readonly announcements: readonly MemberAnnouncement[];
  readonly shares: readonly ShareMessage[];
  readonly complaints: readonly Complaint[];
}

export type ChallengedBallotRecord = ChallengedBallot;

export interface BranchRecord {
  readonly branchId: string;
  /** Sorted by tracking code: the order carries no information (DESIGN law 2). */
  readonly cast: readonly EncryptedBallot[];
  readonly challenged: readonly ChallengedBallotRecord[];
  readonly report: BranchTallyReport | null;
}

export interface ElectionRecord {
  readonly manifest: CryptoManifest;
  readonly context: ElectionContextJson;
  readonly ceremony: CeremonyTranscript;
  readonly branches: readonly BranchRecord[];
  readonly result: ElectionResult;
}

/** The record as published before decryption: what the board decrypts from (§11). */
export type RecordBeforeResult = Omit<ElectionRecord, 'result'>;
