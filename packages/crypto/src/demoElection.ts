// A whole election in one process (docs/CRYPTO.md §12): ceremony, ballots, challenges, branch
// reports, decryption and the record. For tests, test vectors, benchmarks and the demo — never
// for a real election, where each board member runs ceremony.ts on their own machine.
import { randomBytes } from './group.js';
import type { Scalar } from './group.js';
import { Transcript } from './hash.js';
import { createMember, receiveShares, sendShares } from './ceremony.js';
import type { MemberSecret } from './ceremony.js';
import { contextFromAnnouncements } from './ceremonyFormat.js';
import type { Complaint, ShareMessage } from './ceremonyFormat.js';
import { contextToJson } from './context.js';
import type { ElectionContext } from './context.js';
import { encryptBallot, revealBallot } from './ballot.js';
import type { ChallengedBallot, EncryptedBallot } from './ballotFormat.js';
import { buildBranchRecord } from './recordBuilder.js';
import type { ReportSigner } from './recordBuilder.js';
import { TallyAccumulator } from './tally.js';
import { combineDecryption, partialDecrypt } from './decryption.js';
import type { NonceSource } from './proofs.js';
import type { CryptoManifest } from './manifest.js';
import type { ElectionRecord } from './record.js';

export interface DemoBallot {
  readonly branchId: string;
  readonly choices: readonly number[];
}

export interface DemoElectionInput {
  readonly manifest: CryptoManifest;
  readonly cast: readonly DemoBallot[];
  readonly challenged?: readonly DemoBallot[];
  /** Members who take part in decryption (default 1..k). */
  readonly present?: readonly number[];
  /** Makes every random choice reproducible (test vectors); omit for fresh randomness. */
  readonly seed?: Uint8Array;
  readonly signers?: ReadonlyMap<string, readonly ReportSigner[]>;
}

export interface DemoElection {
  readonly record: ElectionRecord;
  readonly context: ElectionContext;
  readonly secrets: readonly MemberSecret[];
  readonly trackingCodes: readonly string[];
}

export class DemoCeremonyError extends Error {
  override readonly name = 'DemoCeremonyError';
  constructor(readonly complaints: readonly Complaint[]) {
    super(`key ceremony raised ${complaints.length} complaint(s)`);
  }
}

/** A deterministic stream of scalars and seeds: H_q("demo-drbg", seed, label, counter). */
export function seededNonces(
  seed: Uint8Array,
  label: string,
): { nonce: NonceSource; seed32: () => Uint8Array } {
  let counter = 0;
  return {
    nonce: (): Scalar =>
      new Transcript('demo-drbg').bytes(seed).string(label).u64(counter++).challenge(),
    seed32: (): Uint8Array =>
      new Transcript('demo-drbg').bytes(seed).string(label).u64(counter++).digest(),
  };
}

export function runDemoElection(input: DemoElectionInput): DemoElection {
  const { manifest } = input;
  const rng = (label: string): ReturnType<typeof seededNonces> | null =>
    input.seed ? seededNonces(input.seed, label) : null;
  const members = Array.from({ length: manifest.board.n }, (_, i) => {
    const r = rng(`member-${i + 1}`);
    return createMember(manifest, i + 1, ...(r ? [r.nonce] : []));
  });
  const announcements = members.map((m) => m.announcement);
  const shares: ShareMessage[] = members.flatMap((m, i) => {
    const r = rng(`shares-${i + 1}`);
    return sendShares(manifest, m.secret, announcements, ...(r ? [r.nonce] : []));
  });
  const secrets = members.map((m) => {
    const got = receiveShares(
      manifest,
      m.secret,
      announcements,
      shares.filter((s) => s.to === m.secret.index),
    );
    if (got.complaints.length > 0) throw new DemoCeremonyError(got.complaints);
    return got.secret;
  });
  const context = contextFromAnnouncements(manifest, announcements);
  const day = manifest.days[0] ?? '2024-05-10';
  const ballotSeeds = rng('ballots');
  const encrypt = (b: DemoBallot) =>
    encryptBallot(context, { branchId: b.branchId, day }, b.choices, {
      seed: ballotSeeds ? ballotSeeds.seed32() : randomBytes(32),
    });

  const castByBranch = new Map<string, EncryptedBallot[]>();
  const challengedByBranch = new Map<string, ChallengedBallot[]>();
  const trackingCodes: string[] = [];
  for (const b of input.cast) {
    const e = encrypt(b);
    trackingCodes.push(e.trackingCode);
    castByBranch.set(b.branchId, [...(castByBranch.get(b.branchId) ?? []), e.ballot]);
  }
  for (const b of input.challenged ?? []) {
    const e = encrypt(b);
    challengedByBranch.set(b.branchId, [
      ...(challengedByBranch.get(b.branchId) ?? []),
      revealBallot(e),
    ]);
  }
  // Every branch closes with a report, even an empty one (check V11).
  const branchIds = manifest.branches.map((b) => b.id);
  const branches = branchIds.map((id) =>
    buildBranchRecord(
      context.extendedHash,
      id,
      manifest.candidates.length,
      castByBranch.get(id) ?? [],
      challengedByBranch.get(id) ?? [],
      input.signers?.get(id) ?? [],
    ),
  );

  const total = new TallyAccumulator(manifest.candidates.length);
  for (const b of branches) if (b.report) total.addTally(b.report.tally);
  const tally = total.toJson();
  const present = input.present ?? Array.from({ length: manifest.board.k }, (_, i) => i + 1);
  const partials = present.map((i) => {
    const secret = secrets[i - 1];
    if (!secret) throw new RangeError(`no member ${i}`);
    const r = rng(`decrypt-${i}`);
    return partialDecrypt(context, secret, tally, ...(r ? [r.nonce] : []));
  });
  const result = combineDecryption(context, manifest.contestId, announcements, tally, partials);
  return {
    record: {
      manifest,
      context: contextToJson(context),
      ceremony: {
        commitments: members.map((m) => m.commitment),
        announcements,
        shares,
        complaints: [],
      },
      branches,
      result,
    },
    context,
    secrets,
    trackingCodes,
  };
}

/** A small manifest for tests and demos: `candidates` candidates, L seats, branches b1..bN. */
export function demoManifest(opts: {
  candidates: number;
  seats: number;
  branches: number;
  n: number;
  k: number;
}): CryptoManifest {
  return {
    profile: 'sandogh/v1',
    electionId: 'demo-1403-runoff',
    contestId: 'tehran-majlis-runoff',
    seats: opts.seats,
    candidates: Array.from({ length: opts.candidates }, (_, i) => String(1001 + i)),
    branches: Array.from({ length: opts.branches }, (_, i) => ({ id: `b${i + 1}` })),
    board: { n: opts.n, k: opts.k },
    days: ['2024-05-10'],
  };
}
