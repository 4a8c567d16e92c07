// A board member's steps in the key ceremony (docs/CRYPTO.md §8.2). Each step is a pure function
// from JSON to JSON, run on the member's own machine; the CLI carries the public parts between
// machines, and the member's secret stays in its passphrase-sealed file (secretFile.ts).
import { baseMul, IDENTITY, mul, randomScalar, scalarAdd, SCALAR_ZERO } from './group.js';
import type { Scalar } from './group.js';
import { parseElement, parseScalar, toHex } from './codec.js';
import type { Hex } from './codec.js';
import { proveDleq, proveSchnorr } from './proofs.js';
import type { NonceSource } from './proofs.js';
import { polyEval } from './lagrange.js';
import { baseHash } from './context.js';
import { manifestHash, manifestProblems } from './manifest.js';
import type { CryptoManifest } from './manifest.js';
import {
  announcementCommitments,
  coefficientBinding,
  commitToAnnouncement,
  complaintBinding,
  messageFromSealed,
  proofToJson,
  sealedFromMessage,
  shareMatchesCommitments,
  transportBinding,
  verifyAnnouncement,
} from './ceremonyFormat.js';
import type {
  AnnouncementCommitment,
  Complaint,
  MemberAnnouncement,
  ShareMessage,
} from './ceremonyFormat.js';
import { openShareWithDh, sealShare } from './shareBox.js';

/** Never leaves the member's machine except sealed under their passphrase. */
export interface MemberSecret {
  readonly profile: 'sandogh/v1/member-secret';
  readonly manifestHash: Hex;
  readonly index: number;
  readonly n: number;
  readonly k: number;
  /** a_{i,0..k−1}: the member's polynomial P_i. */
  readonly coefficients: readonly Hex[];
  readonly transportSecret: Hex;
  /** s_i = Σ_j P_j(i), set once every received share has checked out. */
  readonly share?: Hex;
}

export class CeremonyError extends Error {
  override readonly name = 'CeremonyError';
}

function baseOf(manifest: CryptoManifest): Uint8Array {
  return baseHash(manifestHash(manifest), manifest.board.n, manifest.board.k);
}

/**
 * Step 1: member `index` (1..n) draws P_i and a transport key, makes the announcement of their
 * commitments and the commitment to that announcement (§8.2 step 0: the commitment is published
 * first, the announcement only once every member's commitment is in).
 */
export function createMember(
  manifest: CryptoManifest,
  index: number,
  nonce: NonceSource = randomScalar,
): {
  secret: MemberSecret;
  announcement: MemberAnnouncement;
  commitment: AnnouncementCommitment;
} {
  const problems = manifestProblems(manifest);
  if (problems.length > 0) throw new CeremonyError(`bad manifest: ${problems.join('; ')}`);
  const { n, k } = manifest.board;
  if (!Number.isInteger(index) || index < 1 || index > n)
    throw new CeremonyError(`member index must be in 1..${n}`);
  const base = baseOf(manifest);
  const coefficients = Array.from({ length: k }, () => nonce());
  const commitments = coefficients.map((a) => baseMul(a));
  const transportSecret = nonce();
  const transportKey = baseMul(transportSecret);
  const announcement: MemberAnnouncement = {
    index,
    commitments: commitments.map(toHex),
    commitmentProofs: coefficients.map((a, m) =>
      proofToJson(
        proveSchnorr(a, commitments[m] ?? baseMul(a), coefficientBinding(base, index, m), nonce),
      ),
    ),
    transportKey: toHex(transportKey),
    transportProof: proofToJson(
      proveSchnorr(transportSecret, transportKey, transportBinding(base, index), nonce),
    ),
  };
  return {
    secret: {
      profile: 'sandogh/v1/member-secret',
      manifestHash: toHex(manifestHash(manifest)),
      index,
      n,
      k,
      coefficients: coefficients.map(toHex),
      transportSecret: toHex(transportSecret),
    },
    announcement,
    commitment: commitToAnnouncement(base, announcement),
  };
}

function checkAnnouncements(
  manifest: CryptoManifest,
  secret: MemberSecret,
  announcements: readonly MemberAnnouncement[],
): void {
  if (secret.manifestHash !== toHex(manifestHash(manifest)))
    throw new CeremonyError('secret file belongs to another election');
  const base = baseOf(manifest);
  const indices = announcements.map((a) => a.index).sort((a, b) => a - b);
  if (indices.length !== secret.n || indices.some((v, i) => v !== i + 1))
    throw new CeremonyError(`need one announcement from each of members 1..${secret.n}`);
  const bad = announcements
    .filter((a) => !verifyAnnouncement(base, secret.k, a))
    .map((a) => a.index);
  if (bad.length > 0)
    throw new CeremonyError(`announcements with invalid proofs: members ${bad.join(', ')}`);
}

/** Step 2: after checking every announcement, seal P_i(ℓ) for each other member ℓ. */
export function sendShares(
  manifest: CryptoManifest,
  secret: MemberSecret,
  announcements: readonly MemberAnnouncement[],
  nonce: NonceSource = randomScalar,
): ShareMessage[] {
  checkAnnouncements(manifest, secret, announcements);
  const base = baseOf(manifest);
  const coefficients = secret.coefficients.map(parseScalar);
  return announcements
    .filter((a) => a.index !== secret.index)
    .sort((a, b) => a.index - b.index)
    .map((a) =>
      messageFromSealed(
        secret.index,
        a.index,
        sealShare(
          base,
          secret.index,
          a.index,
          parseElement(a.transportKey),
          polyEval(coefficients, a.index),
          nonce(),
        ),
      ),
    );
}

export interface ReceiveResult {
  /** The secret with its share s_i set, or unchanged when there are complaints. */
  readonly secret: MemberSecret;
  readonly complaints: readonly Complaint[];
}

/**
 * Step 3: open and check the n−1 shares addressed to this member. A share that fails to open or
 * to match its sender's commitments yields a complaint with public evidence (judgeComplaint).
 */
export function receiveShares(
  manifest: CryptoManifest,
  secret: MemberSecret,
  announcements: readonly MemberAnnouncement[],
  messages: readonly ShareMessage[],
  nonce: NonceSource = randomScalar,
): ReceiveResult {
  checkAnnouncements(manifest, secret, announcements);
  const base = baseOf(manifest);
  const me = secret.index;
  const transportSecret = parseScalar(secret.transportSecret);
  const myKey = baseMul(transportSecret);
  let share = polyEval(secret.coefficients.map(parseScalar), me);
  const complaints: Complaint[] = [];
  for (const a of announcements) {
    if (a.index === me) continue;
    const msg = messages.find((m) => m.from === a.index && m.to === me);
    if (!msg) throw new CeremonyError(`no share from member ${a.index}`);
    let sealed: ReturnType<typeof sealedFromMessage>;
    try {
      sealed = sealedFromMessage(msg);
    } catch {
      // A malformed box is the sender's fault on its face (judgeComplaint needs no evidence).
      complaints.push({
        from: a.index,
        to: me,
        dh: toHex(IDENTITY),
        proof: { c: toHex(SCALAR_ZERO), v: toHex(SCALAR_ZERO) },
      });
      continue;
    }
    const dh = mul(sealed.ephemeral, transportSecret);
    const opened = openShareWithDh(base, a.index, me, myKey, sealed, dh);
    if (opened !== null && shareMatchesCommitments(opened, announcementCommitments(a), me)) {
      share = scalarAdd(share, opened as Scalar);
    } else {
      const proof = proveDleq(
        transportSecret,
        myKey,
        sealed.ephemeral,
        dh,
        complaintBinding(base, a.index, me),
        nonce,
      );
      complaints.push({ from: a.index, to: me, dh: toHex(dh), proof: proofToJson(proof) });
    }
  }
  if (complaints.length > 0) return { secret, complaints };
  return { secret: { ...secret, share: toHex(share) }, complaints };
}
