import { createHash } from 'node:crypto';

/**
 * The generator's randomness: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom
 * number generators", 2018) seeded from SHA-256 of the demo seed and a stream label.
 *
 * Determinism across machines is the point (same seed ⇒ byte-identical files), so everything
 * here is 32-bit integer arithmetic (`Math.imul`, shifts) and exact conversions; callers use
 * only +, −, ×, ÷ on the results, never transcendental functions whose last bit may differ
 * between platforms. Not for secrets: device keys are derived with SHA-256 (devices.ts).
 */
export interface Stream {
  /** A uniform 32-bit unsigned integer. */
  uint32(): number;
  /** A uniform integer in [0, n), unbiased (rejection sampling); n ≤ 2^32. */
  below(n: number): number;
  /** A uniform integer in [min, max], inclusive. */
  between(min: number, max: number): number;
  /** A uniform number in [0, 1) with 32 random bits (exact in a double). */
  fraction(): number;
  /** True with probability `p`, decided at 32-bit resolution. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

const DOMAIN = 'sandogh/demo/v1';

/** The 32 bytes that seed a named stream: SHA-256(domain ‖ 0 ‖ label ‖ 0 ‖ seed). */
export function streamKey(seed: string, label: string): Buffer {
  return createHash('sha256').update(`${DOMAIN}\u0000${label}\u0000${seed}`, 'utf8').digest();
}

/** An independent stream per purpose, so that changing one part never shifts another. */
export function stream(seed: string, label: string): Stream {
  const key = streamKey(seed, label);
  return xoshiro128ss([
    key.readUInt32LE(0),
    key.readUInt32LE(4),
    key.readUInt32LE(8),
    key.readUInt32LE(12),
  ]);
}

/** The generator over an explicit 128-bit state (four 32-bit words, not all zero). */
export function xoshiro128ss(state: readonly [number, number, number, number]): Stream {
  const s = new Uint32Array(state);
  // The all-zero state is the one xoshiro cannot leave; SHA-256 will not produce it in practice.
  if (s.every((word) => word === 0)) s[0] = 1;

  const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));
  const uint32 = (): number => {
    const s0 = s[0] ?? 0;
    const s1 = s[1] ?? 0;
    const s2 = s[2] ?? 0;
    const s3 = s[3] ?? 0;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    s[1] = s1 ^ n2;
    s[0] = s0 ^ n3;
    s[2] = n2 ^ t;
    s[3] = rotl(n3, 11);
    return result;
  };
  const below = (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`below(${n})`);
    // Reject the top sliver so that every residue is equally likely.
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = uint32();
      if (x < limit) return x % n;
    }
  };
  const fraction = (): number => uint32() / 2 ** 32;
  return {
    uint32,
    below,
    between: (min, max) => min + below(max - min + 1),
    fraction,
    chance: (p) => fraction() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[below(items.length)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
  };
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(rng: Stream, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = rng.below(i + 1);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/** A weighted choice; weights are non-negative integers (exact sums). */
export function weighted<T>(rng: Stream, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let x = rng.below(total);
  for (const [value, w] of choices) {
    if (x < w) return value;
    x -= w;
  }
  throw new RangeError('weighted choice with no weight');
}

/** Splits `total` into parts proportional to `weights` (largest remainder), each ≥ `minimum`. */
export function apportion(total: number, weights: readonly number[], minimum = 0): number[] {
  const floor = minimum * weights.length;
  if (total < floor)
    throw new RangeError(`cannot give ${weights.length} parts ${minimum} each from ${total}`);
  const rest = total - floor;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = rest - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts.map((p) => p + minimum);
}
