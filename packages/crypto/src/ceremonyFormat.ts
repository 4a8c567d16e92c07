// The key ceremony's public messages and their checks (docs/CRYPTO.md §8): Feldman VSS as in
// ElectionGuard 2.0 §3.2. Member i publishes K_{i,m} = g^{a_{i,m}} (m < k) with Schnorr proofs,
// and a transport key E_i; the joint key is K = Π_i K_{i,0}; member ℓ's share of the joint
// secret is s_ℓ = Σ_i P_i(ℓ), whose public key S_ℓ = Π_m (Π_i K_{i,m})^{ℓ^m} anyone computes.
import { add, baseMul, elementEquals, IDENTITY, isScalar, mul } from './group.js';
import type { Element } from './group.js';
import { parseElement, parseScalar, fromBase64, fromHex, toBase64, toHex } from './codec.js';
import { Transcript } from './hash.js';
import type { Hex } from './codec.js';
import { verifyDleq, verifySchnorr } from './proofs.js';
import type { DleqProof, ProofBinding, SchnorrProof } from './proofs.js';
import { powersOf } from './lagrange.js';
import { openShareWithDh } from './shareBox.js';
import { buildContext } from './context.js';
import type { ElectionContext } from './context.js';
import type { CryptoManifest } from './manifest.js';
import type { SealedShare } from './shareBox.js';

export interface ProofJson {
  readonly c: Hex;
  readonly v: Hex;
}

export interface MemberAnnouncement {
  readonly index: number;
  readonly commitments: readonly Hex[];
  readonly commitmentProofs: readonly ProofJson[];
  readonly transportKey: Hex;
  readonly transportProof: ProofJson;
}

export interface ShareMessage {
  readonly from: number;
  readonly to: number;
  readonly ephemeral: Hex;
  /** base64 of the AEAD ciphertext of the 32-byte share. */
  readonly ciphertext: string;
}

/** Member `to` accuses member `from`: D = R^{e_to} and a proof that log_g E_to = log_R D. */
export interface Complaint {
  readonly from: number;
  readonly to: number;
  readonly dh: Hex;
  readonly proof: ProofJson;
}

/**
 * The commit round before the announcements (§8.2 step 0): member i first publishes only
 * `digest = H("announcement-commitment", H_B, i, …announcement)`, and reveals the announcement
 * once every member's commitment is in, so nobody can choose their polynomial after seeing the
 * others' (the key-bias of Feldman DKG without a commit round).
 */
export interface AnnouncementCommitment {
  readonly index: number;
  readonly digest: Hex;
}

export type ComplaintVerdict = 'sender-at-fault' | 'complaint-unfounded' | 'complaint-invalid';

export function proofToJson(p: SchnorrProof | DleqProof): ProofJson {
  return { c: toHex(p.c), v: toHex(p.v) };
}

export function proofFromJson(j: ProofJson): SchnorrProof {
  return { c: parseScalar(j.c), v: parseScalar(j.v) };
}

export function coefficientBinding(base: Uint8Array, index: number, m: number): ProofBinding {
  return { tag: 'coefficient-proof', context: base, index: index * 65536 + m };
}
export function transportBinding(base: Uint8Array, index: number): ProofBinding {
  return { tag: 'transport-key-proof', context: base, index };
}
export function complaintBinding(base: Uint8Array, from: number, to: number): ProofBinding {
  return { tag: 'share-complaint', context: base, index: from * 65536 + to };
}

/** Check V2 for one announcement: k valid commitments, each proven, and a proven transport key. */
export function verifyAnnouncement(base: Uint8Array, k: number, a: MemberAnnouncement): boolean {
  try {
    const commitments: unknown = a.commitments;
    if (
      !Array.isArray(commitments) ||
      a.commitments.length !== k ||
      a.commitmentProofs.length !== k
    )
      return false;
    const ok = a.commitments.every((c, m) => {
      const proof = a.commitmentProofs[m];
      return (
        proof !== undefined &&
        verifySchnorr(parseElement(c), proofFromJson(proof), coefficientBinding(base, a.index, m))
      );
    });
    return (
      ok &&
      verifySchnorr(
        parseElement(a.transportKey),
        proofFromJson(a.transportProof),
        transportBinding(base, a.index),
      )
    );
  } catch {
    return false;
  }
}

/**
 * The digest member i commits to before revealing its announcement (§8.2 step 0):
 * H("announcement-commitment", H_B, i, [K_{i,0..k−1}], then c, v of each coefficient proof,
 * E_i, c, v of the transport proof). Throws on a field that is not 32-byte hex.
 */
export function announcementDigest(base: Uint8Array, a: MemberAnnouncement): Uint8Array {
  const t = new Transcript('announcement-commitment')
    .bytes(base)
    .u64(a.index)
    .u64(a.commitments.length);
  for (const c of a.commitments) t.bytes(fromHex(c, 32));
  for (const p of a.commitmentProofs) t.bytes(fromHex(p.c, 32)).bytes(fromHex(p.v, 32));
  return t
    .bytes(fromHex(a.transportKey, 32))
    .bytes(fromHex(a.transportProof.c, 32))
    .bytes(fromHex(a.transportProof.v, 32))
    .digest();
}

export function commitToAnnouncement(
  base: Uint8Array,
  a: MemberAnnouncement,
): AnnouncementCommitment {
  return { index: a.index, digest: toHex(announcementDigest(base, a)) };
}

/** Check V18 for one member: the revealed announcement is the one committed to. */
export function revealMatches(
  base: Uint8Array,
  commitment: AnnouncementCommitment,
  a: MemberAnnouncement,
): boolean {
  try {
    return commitment.index === a.index && commitment.digest === toHex(announcementDigest(base, a));
  } catch {
    return false;
  }
}

/** Π_m K_m^{x^m}: what g^{P(x)} must equal (Feldman). */
export function commitmentAt(commitments: readonly Element[], x: number): Element {
  const powers = powersOf(x, commitments.length);
  let acc = IDENTITY;
  commitments.forEach((c, m) => {
    const power = powers[m];
    if (power) acc = add(acc, mul(c, power));
  });
  return acc;
}

export function shareMatchesCommitments(
  share: Uint8Array,
  commitments: readonly Element[],
  x: number,
): boolean {
  return isScalar(share) && elementEquals(baseMul(share), commitmentAt(commitments, x));
}

export function announcementCommitments(a: MemberAnnouncement): Element[] {
  return a.commitments.map(parseElement);
}

/** The election context once the ceremony's announcements are final (§4.2). */
export function contextFromAnnouncements(
  manifest: CryptoManifest,
  announcements: readonly MemberAnnouncement[],
): ElectionContext {
  const members = announcements.map((a) => ({
    index: a.index,
    commitments: announcementCommitments(a),
    transportKey: parseElement(a.transportKey),
  }));
  return buildContext(manifest, jointKeyOf(announcements), members);
}

/** K = Π_i K_{i,0}. */
export function jointKeyOf(announcements: readonly MemberAnnouncement[]): Element {
  return announcements.reduce<Element>(
    (acc, a) => add(acc, parseElement(a.commitments[0] ?? '')),
    IDENTITY,
  );
}

/** Commitments of the joint polynomial P = Σ_i P_i: C_m = Π_i K_{i,m}. */
export function jointCommitments(
  announcements: readonly MemberAnnouncement[],
  k: number,
): Element[] {
  return Array.from({ length: k }, (_, m) =>
    announcements.reduce<Element>(
      (acc, a) => add(acc, parseElement(a.commitments[m] ?? '')),
      IDENTITY,
    ),
  );
}

/** S_ℓ = g^{s_ℓ}: the key member ℓ's partial decryptions are checked against (V16). */
export function publicShareKey(joint: readonly Element[], index: number): Element {
  return commitmentAt(joint, index);
}

export function sealedFromMessage(m: ShareMessage): SealedShare {
  return { ephemeral: parseElement(m.ephemeral), ciphertext: fromBase64(m.ciphertext) };
}

export function messageFromSealed(from: number, to: number, s: SealedShare): ShareMessage {
  return { from, to, ephemeral: toHex(s.ephemeral), ciphertext: toBase64(s.ciphertext) };
}

/**
 * Check V3: judge a complaint from its public evidence. The DH value is proven correct, so the
 * box opens exactly as it did for the complainer; the share inside is then checked publicly.
 */
export function judgeComplaint(
  base: Uint8Array,
  announcements: readonly MemberAnnouncement[],
  message: ShareMessage,
  complaint: Complaint,
): ComplaintVerdict {
  try {
    const sender = announcements.find((a) => a.index === complaint.from);
    const recipient = announcements.find((a) => a.index === complaint.to);
    if (!sender || !recipient || message.from !== complaint.from || message.to !== complaint.to)
      return 'complaint-invalid';
    const transportKey = parseElement(recipient.transportKey);
    let sealed: SealedShare;
    try {
      sealed = sealedFromMessage(message);
    } catch {
      return 'sender-at-fault';
    }
    const dh = parseElement(complaint.dh);
    if (
      !verifyDleq(
        transportKey,
        sealed.ephemeral,
        dh,
        proofFromJson(complaint.proof),
        complaintBinding(base, complaint.from, complaint.to),
      )
    )
      return 'complaint-invalid';
    const share = openShareWithDh(base, message.from, message.to, transportKey, sealed, dh);
    if (share === null) return 'sender-at-fault';
    return shareMatchesCommitments(share, announcementCommitments(sender), complaint.to)
      ? 'complaint-unfounded'
      : 'sender-at-fault';
  } catch {
    return 'complaint-invalid';
  }
}
