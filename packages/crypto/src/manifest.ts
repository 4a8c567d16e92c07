// The part of the election definition the cryptography binds (docs/CRYPTO.md §4.1). The HQ
// derives it from the full election definition; its hash H_M enters every Fiat–Shamir
// challenge through the election hashes, so a proof made for one election is void in another.
import { canonicalJson } from './jcs.js';
import type { Json } from './jcs.js';
import { sha256Bytes, utf8Bytes } from './hash.js';
import type { Hex } from './codec.js';

export const PROFILE = 'sandogh/v1';

export interface ManifestBranch {
  readonly id: string;
  /** Ed25519 public keys (hex) whose signatures make this branch's tally report authentic. */
  readonly reportKeys?: readonly Hex[];
}

export interface CryptoManifest {
  readonly profile: typeof PROFILE;
  readonly electionId: string;
  readonly contestId: string;
  /** L: most selections a ballot may make (16 seats in the Tehran runoff); zero is a blank ballot. */
  readonly seats: number;
  /** Candidate codes in ballot order: selection i of every ballot is candidates[i]. */
  readonly candidates: readonly string[];
  readonly branches: readonly ManifestBranch[];
  /** The supervisory board's key ceremony: n members, any k of them decrypt. */
  readonly board: { readonly n: number; readonly k: number };
  /** Voting days (YYYY-MM-DD, Asia/Tehran): the finest time a ballot carries (DESIGN law 2). */
  readonly days: readonly string[];
  /** Anything else the HQ wants bound into the election hash (names, dates, rules). */
  readonly extra?: Json;
}

// Branch ids name record files (recordFiles.ts): no separators, no leading dot.
export const BRANCH_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reasons a manifest is unusable, empty when it is well formed (check V1). */
export function manifestProblems(m: CryptoManifest): string[] {
  const problems: string[] = [];
  const profile: unknown = m.profile;
  if (profile !== PROFILE) problems.push(`profile is not ${PROFILE}`);
  if (typeof m.electionId !== 'string' || m.electionId.length === 0)
    problems.push('electionId missing');
  if (typeof m.contestId !== 'string' || m.contestId.length === 0)
    problems.push('contestId missing');
  if (!Array.isArray(m.candidates) || m.candidates.length === 0) problems.push('no candidates');
  else if (new Set(m.candidates).size !== m.candidates.length)
    problems.push('duplicate candidate codes');
  if (!Number.isInteger(m.seats) || m.seats < 1 || m.seats > 1024)
    problems.push('seats must be an integer in 1..1024');
  const branches: unknown = m.branches;
  if (!Array.isArray(branches)) problems.push('branches missing');
  else {
    const ids = (branches as { id?: unknown }[]).map((b) => b.id);
    if (new Set(ids).size !== ids.length) problems.push('duplicate branch ids');
    for (const id of ids)
      if (typeof id !== 'string' || !BRANCH_ID.test(id))
        problems.push(`bad branch id ${String(id)}`);
  }
  const board = (m as { board?: { n?: unknown; k?: unknown } }).board;
  if (
    typeof board?.n !== 'number' ||
    typeof board.k !== 'number' ||
    !Number.isInteger(board.n) ||
    !Number.isInteger(board.k) ||
    board.k < 1 ||
    board.k > board.n ||
    board.n > 255
  ) {
    problems.push('board must have integers 1 <= k <= n <= 255');
  }
  const days: unknown = m.days;
  if (
    !Array.isArray(days) ||
    days.length === 0 ||
    (days as unknown[]).some((d) => typeof d !== 'string' || !DAY.test(d))
  )
    problems.push('days must be YYYY-MM-DD');
  return problems;
}

/** H_M = SHA-256(JCS(manifest)) (RFC 8785, DESIGN §9), so other parts of Sandogh compute it alike. */
export function manifestHash(m: CryptoManifest): Uint8Array {
  return sha256Bytes(utf8Bytes(canonicalJson(m)));
}
