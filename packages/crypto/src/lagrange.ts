// Polynomial arithmetic mod q for the k-of-n sharing (docs/CRYPTO.md §8, §9.2). All inputs are
// public indices; nothing here touches a secret except polyEval, whose BigInt arithmetic is not
// constant-time — acceptable because it runs once per share on the member's own machine.
import { GROUP_ORDER, scalarFromBigint, scalarToBigint } from './group.js';
import type { Scalar } from './group.js';

const q = GROUP_ORDER;
const mod = (x: bigint): bigint => ((x % q) + q) % q;

function modInverse(a: bigint): bigint {
  let [oldR, r] = [mod(a), q];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  if (oldR !== 1n) throw new RangeError('not invertible mod q');
  return mod(oldS);
}

/** P(x) = Σ a_m x^m mod q by Horner's rule. */
export function polyEval(coefficients: readonly Scalar[], x: number): Scalar {
  const xb = BigInt(x);
  let acc = 0n;
  for (let m = coefficients.length - 1; m >= 0; m--)
    acc = mod(acc * xb + scalarToBigint(coefficients[m] ?? (new Uint8Array(32) as Scalar)));
  return scalarFromBigint(acc);
}

/** x^m mod q for the Feldman check g^{P(x)} = Π K_m^{x^m}. */
export function powersOf(x: number, count: number): Scalar[] {
  const out: Scalar[] = [];
  let p = 1n;
  for (let m = 0; m < count; m++) {
    out.push(scalarFromBigint(p));
    p = mod(p * BigInt(x));
  }
  return out;
}

/** λ_i = Π_{j∈Q, j≠i} j / (j − i) mod q: the weight of share i when interpolating at 0 over Q. */
export function lagrangeAtZero(i: number, present: readonly number[]): Scalar {
  let num = 1n;
  let den = 1n;
  for (const j of present) {
    if (j === i) continue;
    num = mod(num * BigInt(j));
    den = mod(den * BigInt(j - i));
  }
  return scalarFromBigint(mod(num * modInverse(den)));
}
