import { z } from 'zod';
import { BRANCH_ID, DAY } from '@sandogh/crypto';
import type {
  AnnouncementCommitment,
  Complaint,
  CryptoManifest,
  MemberAnnouncement,
  ShareMessage,
} from '@sandogh/crypto';

/**
 * The ceremony's public messages as JSON (docs/CRYPTO.md §2.3, §4.1, §8): the shape is checked
 * here, before any cryptography runs, so a malformed message is refused with a path and never
 * reaches a group operation (law 8). The cryptographic checks follow in rules.ts.
 */

/** Scalars, elements and digests: exactly 64 lowercase hex characters (§2.3). */
export const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
/** Board members are numbered 1..n, n ≤ 255 (§4.1). */
export const memberIndex = z.int().min(1).max(255);
const proofJson = z.strictObject({ c: hex64, v: hex64 });
/** A share box holds a 32-byte scalar and a 16-byte tag: 48 bytes, 64 base64 characters. */
const shareCiphertext = z.string().regex(/^[A-Za-z0-9+/]{64}$/);

export const manifestBody = z
  .strictObject({
    profile: z.literal('sandogh/v1'),
    electionId: z.string().min(1).max(200),
    contestId: z.string().min(1).max(200),
    seats: z.int().min(1).max(1024),
    candidates: z.array(z.string().min(1).max(64)).min(1).max(10_000),
    branches: z
      .array(
        z.strictObject({
          id: z.string().regex(BRANCH_ID),
          reportKeys: z.array(hex64).max(1_000).optional(),
        }),
      )
      .max(200_000),
    board: z.strictObject({ n: memberIndex, k: memberIndex }),
    days: z.array(z.string().regex(DAY)).min(1).max(31),
    extra: z.json().optional(),
  })
  .describe('The crypto manifest (docs/CRYPTO.md §4.1), as `sandogh ceremony manifest` writes it');

export const announcementBody = z
  .strictObject({
    index: memberIndex,
    commitments: z.array(hex64).min(1).max(255),
    commitmentProofs: z.array(proofJson).min(1).max(255),
    transportKey: hex64,
    transportProof: proofJson,
  })
  .describe("A board member's announcement (docs/CRYPTO.md §8.2 step 1), e.g. ann-2.json");

export const commitmentBody = z
  .strictObject({ index: memberIndex, digest: hex64 })
  .describe(
    "A board member's commitment to their announcement, before any is revealed (docs/CRYPTO.md §8.2 step 0), e.g. commit-2.json",
  );

export const shareBody = z
  .strictObject({
    from: memberIndex,
    to: memberIndex,
    ephemeral: hex64,
    ciphertext: shareCiphertext,
  })
  .describe('One sealed share box from member `from` to member `to` (docs/CRYPTO.md §8.3)');

export const complaintBody = z
  .strictObject({ from: memberIndex, to: memberIndex, dh: hex64, proof: proofJson })
  .describe('Member `to` accuses member `from`, with public evidence (docs/CRYPTO.md §8.3)');

/** The format tag of a partial-decryption file, as `sandogh ceremony decrypt` writes it. */
export const PARTIAL_FORMAT = 'sandogh/v1/partial-decryption';

const partialDecryption = z.strictObject({
  index: memberIndex,
  shares: z.array(z.strictObject({ m: hex64, proof: proofJson })).max(10_000),
});

export const partialFileBody = z
  .strictObject({
    format: z.literal(PARTIAL_FORMAT),
    manifestHash: hex64,
    /** SHA-256 of the canonical JSON of every total decrypted: what the member computed. */
    totalsHash: hex64,
    /** The constituency's totals. */
    partial: partialDecryption,
    /** Each branch's totals, for the results per branch (V17). */
    branches: z
      .array(z.strictObject({ branchId: z.string().max(64), partial: partialDecryption }))
      .max(100_000),
  })
  .describe(
    "A board member's partial decryption of the totals, as `sandogh ceremony decrypt` writes it (docs/CRYPTO.md §9.2), e.g. partial-2.json",
  );

export type PartialFile = z.infer<typeof partialFileBody>;

// zod's output types spell optional fields `?: T | undefined`; the crypto types, under
// exactOptionalPropertyTypes, `?: T`. A parsed JSON body never holds an explicit undefined,
// so the two are the same values: these casts only bridge the spelling.
export function asManifest(body: z.infer<typeof manifestBody>): CryptoManifest {
  return body as CryptoManifest;
}
export function asAnnouncement(body: z.infer<typeof announcementBody>): MemberAnnouncement {
  return body;
}
export function asCommitment(body: z.infer<typeof commitmentBody>): AnnouncementCommitment {
  return body;
}
export function asShare(body: z.infer<typeof shareBody>): ShareMessage {
  return body;
}
export function asComplaint(body: z.infer<typeof complaintBody>): Complaint {
  return body;
}
