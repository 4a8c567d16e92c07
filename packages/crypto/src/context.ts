// The election hashes (docs/CRYPTO.md §4.2), modelled on ElectionGuard 2.0's H_B and H_E:
//   H_B = H("election-base", H_M, n, k)                 — bound into the key ceremony's proofs
//   H_E = H("election-extended", H_B, K, every member's commitments and transport key)
//                                                        — bound into every ballot and decryption proof
import { Transcript } from './hash.js';
import { parseElement, toHex } from './codec.js';
import type { Hex } from './codec.js';
import type { Element } from './group.js';
import { manifestHash, PROFILE } from './manifest.js';
import type { CryptoManifest } from './manifest.js';

export function baseHash(manifestDigest: Uint8Array, n: number, k: number): Uint8Array {
  return new Transcript('election-base').bytes(manifestDigest).u64(n).u64(k).digest();
}

export interface MemberPublicKeys {
  readonly index: number;
  readonly commitments: readonly Element[];
  readonly transportKey: Element;
}

export function extendedHash(
  base: Uint8Array,
  jointKey: Element,
  members: readonly MemberPublicKeys[],
): Uint8Array {
  const t = new Transcript('election-extended').bytes(base).element(jointKey).u64(members.length);
  for (const m of [...members].sort((a, b) => a.index - b.index))
    t.u64(m.index).elements(m.commitments).element(m.transportKey);
  return t.digest();
}

/** What a voting device needs to encrypt ballots, published as context.json in the record. */
export interface ElectionContextJson {
  readonly profile: typeof PROFILE;
  readonly manifestHash: Hex;
  readonly baseHash: Hex;
  readonly extendedHash: Hex;
  readonly jointKey: Hex;
  readonly seats: number;
  readonly candidateCount: number;
  readonly board: { readonly n: number; readonly k: number };
}

export interface ElectionContext {
  readonly manifestHash: Uint8Array;
  readonly baseHash: Uint8Array;
  readonly extendedHash: Uint8Array;
  readonly jointKey: Element;
  readonly seats: number;
  readonly candidateCount: number;
  readonly n: number;
  readonly k: number;
}

export function buildContext(
  manifest: CryptoManifest,
  jointKey: Element,
  members: readonly MemberPublicKeys[],
): ElectionContext {
  const hm = manifestHash(manifest);
  const hb = baseHash(hm, manifest.board.n, manifest.board.k);
  return {
    manifestHash: hm,
    baseHash: hb,
    extendedHash: extendedHash(hb, jointKey, members),
    jointKey,
    seats: manifest.seats,
    candidateCount: manifest.candidates.length,
    n: manifest.board.n,
    k: manifest.board.k,
  };
}

export function contextToJson(c: ElectionContext): ElectionContextJson {
  return {
    profile: PROFILE,
    manifestHash: toHex(c.manifestHash),
    baseHash: toHex(c.baseHash),
    extendedHash: toHex(c.extendedHash),
    jointKey: toHex(c.jointKey),
    seats: c.seats,
    candidateCount: c.candidateCount,
    board: { n: c.n, k: c.k },
  };
}

export function contextFromJson(j: ElectionContextJson): ElectionContext {
  const hex32 = (h: string): Uint8Array => {
    if (!/^[0-9a-f]{64}$/.test(h))
      throw new TypeError('context hash must be 32 bytes of lowercase hex');
    return Uint8Array.from(Buffer.from(h, 'hex'));
  };
  return {
    manifestHash: hex32(j.manifestHash),
    baseHash: hex32(j.baseHash),
    extendedHash: hex32(j.extendedHash),
    jointKey: parseElement(j.jointKey),
    seats: j.seats,
    candidateCount: j.candidateCount,
    n: j.board.n,
    k: j.board.k,
  };
}
