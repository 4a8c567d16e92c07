// Homomorphic totals for a recount from scratch (docs/CRYPTO.md §9.1, bench/crypto/RESULTS.md §4):
// the same sums as TallyAccumulator, kept in decoded form inside a small WebAssembly module
// (packages/crypto/wasm/recount.c) so that each input element is decoded once and each total
// encoded once, instead of libsodium's two decodings and one encoding per addition. Public data
// only: the module is not constant-time. Its results are checked against libsodium's in
// recount.test.ts; the verifier itself keeps to libsodium (V13, V14).
import type { CiphertextJson, EncryptedTally } from './elgamal.js';
import type { EncryptedBallot } from './ballotFormat.js';
import { RECOUNT_WASM_BASE64 } from './recountWasm.js';

/** The part of the WebAssembly JS API used here (this project's TypeScript lib has no DOM types). */
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
}
const wasmApi = (globalThis as unknown as { readonly WebAssembly: WasmApi }).WebAssembly;

interface RecountExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  io(): number;
  max_totals(): number;
  reset(n: number): void;
  add_row(n: number): number;
  encode(n: number): void;
  is_valid(): number;
}

let compiled: object | undefined;

function instantiate(): RecountExports {
  compiled ??= new wasmApi.Module(Buffer.from(RECOUNT_WASM_BASE64, 'base64'));
  return new wasmApi.Instance(compiled, {}).exports as RecountExports;
}

/** A row of n ciphertexts: 128·n lowercase hex characters, nothing else. */
const rowPattern = new Map<number, RegExp>();
function hexRow(n: number): RegExp {
  let re = rowPattern.get(n);
  if (re === undefined) {
    re = new RegExp(`^[0-9a-f]{${128 * n}}$`);
    rowPattern.set(n, re);
  }
  return re;
}

/**
 * Totals per candidate, as TallyAccumulator keeps them, for adding many ballots at once (a
 * recount from the record). Same sums, same JSON; an invalid element throws a RangeError and
 * leaves the accumulator unusable (as a failed libsodium addition leaves a total unknown).
 */
export class RecountAccumulator {
  private readonly wasm = instantiate();
  private count = 0;
  private broken = false;

  constructor(readonly candidateCount: number) {
    if (
      !Number.isInteger(candidateCount) ||
      candidateCount < 0 ||
      2 * candidateCount > this.wasm.max_totals()
    )
      throw new RangeError(`a recount holds 0..${this.wasm.max_totals() / 2} candidates`);
    this.wasm.reset(2 * candidateCount);
  }

  get ballotCount(): number {
    return this.count;
  }

  private addColumn(list: readonly CiphertextJson[]): void {
    if (this.broken) throw new RangeError('an earlier input was invalid: this total is void');
    const raw: unknown = list;
    if (!Array.isArray(raw) || list.length !== this.candidateCount)
      throw new RangeError(`expected ${this.candidateCount} ciphertexts`);
    // One string, one check, one copy into the module's memory: per-element calls cost more
    // than the decoding saves (a 32-candidate ballot is 64 elements).
    let row = '';
    for (const c of list) {
      const alpha: unknown = c.alpha;
      const beta: unknown = c.beta;
      if (typeof alpha !== 'string' || typeof beta !== 'string')
        throw new RangeError('a ciphertext is not two hex elements');
      row += alpha + beta;
    }
    // Nothing of this row is added unless all of it is well-formed hex: the totals stay good.
    if (!hexRow(list.length).test(row))
      throw new RangeError('a ciphertext is not two 64-character lowercase hex elements');
    Buffer.from(this.wasm.memory.buffer).write(row, this.wasm.io(), 64 * list.length, 'hex');
    const bad = this.wasm.add_row(2 * list.length);
    if (bad >= 0) {
      this.broken = true;
      throw new RangeError(`ciphertext ${bad >> 1} holds an invalid ristretto255 encoding`);
    }
  }

  addBallot(b: EncryptedBallot): this {
    this.addColumn(b.selections);
    this.count += 1;
    return this;
  }

  addTally(t: EncryptedTally): this {
    this.addColumn(t.totals);
    this.count += t.ballotCount;
    return this;
  }

  toJson(): EncryptedTally {
    if (this.broken) throw new RangeError('an earlier input was invalid: this total is void');
    this.wasm.encode(2 * this.candidateCount);
    const mem = Buffer.from(this.wasm.memory.buffer);
    const io = this.wasm.io();
    return {
      ballotCount: this.count,
      totals: Array.from({ length: this.candidateCount }, (_, i) => ({
        alpha: mem.toString('hex', io + 64 * i, io + 64 * i + 32),
        beta: mem.toString('hex', io + 64 * i + 32, io + 64 * i + 64),
      })),
    };
  }
}

/** Σ of ballots' selections via the decoded-form module (the recount's sumBallots). */
export function recountBallots(
  candidateCount: number,
  ballots: readonly EncryptedBallot[],
): EncryptedTally {
  const acc = new RecountAccumulator(candidateCount);
  for (const b of ballots) acc.addBallot(b);
  return acc.toJson();
}

/** RFC 9496 validity of one encoding by the module's decoder (for the differential tests). */
let checker: RecountExports | undefined;
export function recountIsValid(bytes: Uint8Array): boolean {
  const wasm = (checker ??= instantiate());
  if (bytes.length !== 32) return false;
  new Uint8Array(wasm.memory.buffer).set(bytes, wasm.io());
  return wasm.is_valid() === 1;
}
