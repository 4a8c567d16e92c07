import { z } from 'zod';
import { canonicalHash, canonicalJson, shortHash } from '../canonical.js';
import { branch, candidate, contest, device, electionMeta } from '../definition/schema.js';

/**
 * The signed configuration package of one branch (issue 5, docs/STATION.md and FORMATS.md):
 * everything the branch's station needs and must trust, built by HQ and signed with HQ's
 * Ed25519 key. Its short hash is shown on every screen and printout of the branch, so the
 * people present can compare it by eye with the one HQ announces.
 *
 * Deterministic on purpose (no build time, RFC 8785 canonical JSON): the same election, branch,
 * devices and keys always give the same package and hash, so HQ can check that a message was
 * made under the package currently in force.
 */
export const BRANCH_PACKAGE_FORMAT = 'sandogh/branch-package/1';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const publicKey = z.string().regex(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/);

export const branchPackage = z.strictObject({
  format: z.literal(BRANCH_PACKAGE_FORMAT),
  /** The election definition's hash (the device messages' `election`) and its rules of the day. */
  election: z.strictObject({ hash: hex64, meta: electionMeta, seats: z.int().min(1) }),
  branch,
  contest,
  /** The ballot, in the definition's order (the ciphertexts' order). */
  candidates: z.array(candidate).min(1),
  /** The branch's devices (every status, so a revoked device is known as such). */
  devices: z.array(
    device.extend({ status: z.enum(['registered', 'active', 'faulty', 'retired']) }),
  ),
  trust: z.strictObject({
    /** HQ's signing key: the one this package is signed with. */
    hq: z.strictObject({ keyId: z.string(), publicKey }),
    /** The published election context (docs/CRYPTO.md §4.2) once the key ceremony is done. */
    electionContext: z.record(z.string(), z.unknown()).nullable(),
  }),
  /** Placeholder for the poll book's registry snapshot of the offline rule (law 1). */
  registrySnapshot: z.null(),
});
export type BranchPackage = z.infer<typeof branchPackage>;

export const signedBranchPackage = z.strictObject({
  package: branchPackage,
  /** Ed25519 (RFC 8032) by `package.trust.hq` over the UTF-8 bytes of canonicalJson(package). */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type SignedBranchPackage = z.infer<typeof signedBranchPackage>;

/** The bytes HQ signs and a station verifies. */
export function branchPackageBytes(pkg: BranchPackage): Uint8Array {
  return new TextEncoder().encode(canonicalJson(pkg));
}

export function branchPackageHash(pkg: BranchPackage): string {
  return canonicalHash(pkg);
}

/** What every screen and printout of the branch shows (core canonical.ts `shortHash`). */
export function branchPackageShortHash(pkg: BranchPackage): string {
  return shortHash(branchPackageHash(pkg));
}

/** The package file HQ writes and a station reads: canonical JSON and a final newline. */
export function branchPackageText(signed: SignedBranchPackage): string {
  return `${canonicalJson(signed)}\n`;
}
