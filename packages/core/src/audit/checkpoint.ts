import { canonicalJson, sha256Hex } from '../canonical.js';

/**
 * A checkpoint: HQ's Ed25519 signature (RFC 8032; DESIGN §9 "Keys") over the chain head at a
 * moment — its sequence, its entry hash, the time and why — so that anyone holding HQ's public
 * key can later prove that the log up to there is what HQ had (law 6), and that nothing was
 * cut from its end (docs/AUDIT.md "Checkpoints").
 */
export interface AuditCheckpointPayload {
  readonly sequence: number;
  readonly entryHash: string;
  /** UTC ISO 8601 with milliseconds. */
  readonly signedAt: string;
  readonly reason: string;
  /** `auditKeyId` of the signing key, so a verifier knows which key to try. */
  readonly keyId: string;
}

export const AUDIT_CHECKPOINT_FORMAT = 'sandogh/v1/audit-checkpoint';

/**
 * Why a checkpoint was signed: the periodic timer, the server's start or stop, an operator's
 * request, or a phase change of the election (opening, closing, certification…), which the
 * areas that change phases sign at once (issue 3).
 */
export type AuditCheckpointReason =
  'periodic' | 'startup' | 'shutdown' | 'manual' | `phase:${string}`;

const REASON = /^(periodic|startup|shutdown|manual|phase:[a-z][a-z0-9-]{0,31})$/;

export function isAuditCheckpointReason(text: string): text is AuditCheckpointReason {
  return REASON.test(text);
}

/** The exact bytes signed: the RFC 8785 canonical JSON of the payload and its format. */
export function auditCheckpointMessage(payload: AuditCheckpointPayload): string {
  return canonicalJson({
    format: AUDIT_CHECKPOINT_FORMAT,
    sequence: payload.sequence,
    entryHash: payload.entryHash,
    signedAt: payload.signedAt,
    reason: payload.reason,
    keyId: payload.keyId,
  });
}

const BASE64_KEY = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

/** A raw 32-byte Ed25519 public key in standard base64, as device keys are written. */
export function isEd25519PublicKeyBase64(text: string): boolean {
  return BASE64_KEY.test(text);
}

/**
 * A short, stable name for a public key: the first 16 hex digits of SHA-256 over its raw 32
 * bytes. Shown on screens and printed on reports so people can compare keys by eye.
 */
export function auditKeyId(publicKeyBase64: string): string {
  if (!isEd25519PublicKeyBase64(publicKeyBase64))
    throw new TypeError('not a base64 Ed25519 public key');
  const raw = Uint8Array.from(atob(publicKeyBase64), (c) => c.charCodeAt(0));
  return sha256Hex(raw).slice(0, 16);
}
