// Completeness of a branch's ballots without any order that could be joined with the
// authentication log (DESIGN law 2; docs/CRYPTO.md §7.4): an RFC 6962 Merkle tree over the
// branch's tracking codes sorted bytewise, whose root the branch's closing report signs. This
// replaces ElectionGuard's chaining of confirmation codes in device order.
import { sha256 } from '@noble/hashes/sha2.js';
import { fromHex, toHex } from './codec.js';
import type { Hex } from './codec.js';

function leafHash(code: Uint8Array): Uint8Array {
  const buf = new Uint8Array(1 + code.length);
  buf[0] = 0;
  buf.set(code, 1);
  return sha256(buf);
}

function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const buf = new Uint8Array(1 + left.length + right.length);
  buf[0] = 1;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return sha256(buf);
}

/** Largest power of two strictly below n (RFC 6962 §2.1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function mth(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  if (leaves.length === 1) return leaves[0] ?? sha256(new Uint8Array(0));
  const k = split(leaves.length);
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

/** Canonical order: lowercase hex sorts as the bytes do. */
export function sortCodes(codes: readonly Hex[]): Hex[] {
  return [...codes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** MTH over the sorted codes. Duplicates are kept, so a duplicated ballot changes the root. */
export function merkleRoot(codes: readonly Hex[]): Hex {
  return toHex(mth(sortCodes(codes).map((c) => leafHash(fromHex(c, 32)))));
}

/** RFC 6962 §2.1.1 audit path for one code, so a voter can check inclusion against a signed root. */
export function inclusionProof(
  codes: readonly Hex[],
  code: Hex,
): { index: number; size: number; path: Hex[] } | null {
  const sorted = sortCodes(codes);
  const index = sorted.indexOf(code);
  if (index < 0) return null;
  const leaves = sorted.map((c) => leafHash(fromHex(c, 32)));
  const path: Uint8Array[] = [];
  const walk = (m: number, d: readonly Uint8Array[]): void => {
    if (d.length <= 1) return;
    const k = split(d.length);
    if (m < k) {
      walk(m, d.slice(0, k));
      path.push(mth(d.slice(k)));
    } else {
      walk(m - k, d.slice(k));
      path.push(mth(d.slice(0, k)));
    }
  };
  walk(index, leaves);
  return { index, size: sorted.length, path: path.map(toHex) };
}

/** RFC 9162 §2.1.3.2 verification of an audit path. */
export function verifyInclusion(
  code: Hex,
  proof: { index: number; size: number; path: readonly Hex[] },
  root: Hex,
): boolean {
  try {
    if (proof.index < 0 || proof.index >= proof.size) return false;
    let fn = proof.index;
    let sn = proof.size - 1;
    let r = leafHash(fromHex(code, 32));
    for (const p of proof.path) {
      const sibling = fromHex(p, 32);
      if (sn === 0) return false;
      if ((fn & 1) === 1 || fn === sn) {
        r = nodeHash(sibling, r);
        if ((fn & 1) === 0)
          while ((fn & 1) === 0 && fn !== 0) {
            fn >>= 1;
            sn >>= 1;
          }
      } else {
        r = nodeHash(r, sibling);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn === 0 && toHex(r) === root;
  } catch {
    return false;
  }
}
