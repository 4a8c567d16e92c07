import {
  canonicalJson,
  err,
  ok,
  problem,
  signedBranchPackage,
  branchPackageShortHash,
  type BranchPackage,
  type Problem,
  type Result,
} from '@sandogh/core';
import { verifyDeviceSignature } from '@sandogh/crypto';

/**
 * The station's side of the signed configuration package (issue 5, docs/STATION.md): it runs
 * only a package signed by the HQ key it was provisioned with, for its own device, exactly as
 * signed. The file must be the package's RFC 8785 canonical JSON byte for byte, so any one
 * byte changed is refused: it breaks the JSON, changes a signed value, or leaves the
 * canonical form.
 */
export interface StationTrust {
  /** HQ's Ed25519 public key (base64), provisioned out of band with the station. */
  readonly hqPublicKey: string;
  /** This device: its serial and public key must be one of the package's in-service devices. */
  readonly deviceSerial: string;
  readonly devicePublicKey: string;
}

export interface OpenedPackage {
  readonly package: BranchPackage;
  /** Shown on every screen and printout of the branch. */
  readonly shortHash: string;
  readonly device: BranchPackage['devices'][number];
}

const foreign = (reason: string) => err(problem('PACKAGE_FOREIGN', { reason }));

export function openBranchPackage(
  text: string,
  trust: StationTrust,
): Result<OpenedPackage, Problem> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return err(problem('PACKAGE_MALFORMED', { reason: 'not JSON' }));
  }
  const checked = signedBranchPackage.safeParse(parsed);
  if (!checked.success)
    return err(problem('PACKAGE_MALFORMED', { reason: checked.error.issues[0]?.message ?? '' }));
  if (canonicalJson(parsed) !== text.replace(/\n$/, ''))
    return err(problem('PACKAGE_MALFORMED', { reason: 'not in canonical form (RFC 8785)' }));
  const signed = checked.data;
  // Base64 leaves spare bits in the last character before the padding; a decoder ignores
  // them, so only the one canonical spelling of the signature is accepted.
  if (Buffer.from(signed.signature, 'base64').toString('base64') !== signed.signature)
    return err(problem('PACKAGE_SIGNATURE_INVALID'));
  if (signed.package.trust.hq.publicKey !== trust.hqPublicKey)
    return foreign('signed by another HQ key');
  if (
    !verifyDeviceSignature(
      { message: signed.package, signature: signed.signature },
      trust.hqPublicKey,
    )
  )
    return err(problem('PACKAGE_SIGNATURE_INVALID'));
  const device = signed.package.devices.find((d) => d.serial === trust.deviceSerial);
  if (device === undefined)
    return foreign(`device ${trust.deviceSerial} is not in this branch's package`);
  if (device.publicKey !== trust.devicePublicKey) return foreign('this device has another key');
  if (device.status === 'retired' || device.status === 'faulty')
    return foreign(`device ${trust.deviceSerial} is out of service`);
  return ok({ package: signed.package, shortHash: branchPackageShortHash(signed.package), device });
}
