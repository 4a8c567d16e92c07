import { nationalCodeCheckDigit } from '@sandogh/core';
import { streamKey } from './prng.js';

/**
 * Synthetic national codes (کد ملی) for the demo registry: valid and unique, but random-looking,
 * so that no test or demo can lean on codes being in order.
 */

const PREFIXES = 1_000_000_000;
const HALF_BITS = 15;
const HALF_MASK = (1 << HALF_BITS) - 1;
const ROUNDS = 4;

/**
 * A keyed bijection on [0, 10⁹): a 4-round Feistel network over 30 bits (Luby–Rackoff) with
 * cycle walking (Black & Rogaway, "Ciphers with arbitrary finite domains", 2002) to stay below
 * 10⁹. A permutation of a counter gives unique prefixes without remembering any of them, so a
 * 10-million-row registry streams in constant memory.
 */
export class NationalCodeScramble {
  private readonly roundKeys: number[];

  constructor(seed: string) {
    const key = streamKey(seed, 'national-codes');
    this.roundKeys = Array.from({ length: ROUNDS }, (_, i) => key.readUInt32LE(i * 4));
  }

  /** The nine-digit prefix of the `index`-th code (0 ≤ index < 10⁹). */
  prefix(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= PREFIXES)
      throw new RangeError(`index ${index}`);
    let x = index;
    do x = this.permute30(x);
    while (x >= PREFIXES);
    return x;
  }

  private permute30(x: number): number {
    let left = (x >>> HALF_BITS) & HALF_MASK;
    let right = x & HALF_MASK;
    for (const k of this.roundKeys) {
      const next = left ^ roundFunction(right, k);
      left = right;
      right = next;
    }
    return (left << HALF_BITS) | right;
  }
}

/** A 15-bit keyed mix (murmur3's finaliser over half ⊕ key). */
function roundFunction(half: number, key: number): number {
  let h = (half ^ key) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return h & HALF_MASK;
}

/** The ten codes of one repeated digit pass the arithmetic but are never issued. */
function isRepeatedDigit(first9: string): boolean {
  return /^([0-9])\1{8}$/.test(first9);
}

/** The `index`-th national code of the registry: unique per index, valid check digit. */
export function nationalCodeAt(scramble: NationalCodeScramble, index: number): string {
  let first9 = String(scramble.prefix(index)).padStart(9, '0');
  // Nine same-digit prefixes out of 10⁹ are swapped for the prefix of an index far above any
  // registry (MAX_REGISTRY_ROWS), one residue class mod 10 per digit, so codes stay unique.
  const digit = Number(first9.charAt(0));
  for (let spare = PREFIXES - 1 - digit; isRepeatedDigit(first9); spare -= 10) {
    first9 = String(scramble.prefix(spare)).padStart(9, '0');
  }
  return first9 + String(nationalCodeCheckDigit(first9));
}

/** Rows the registry may have: far more than any demo, well inside the prefix space. */
export const MAX_REGISTRY_ROWS = 100_000_000;
