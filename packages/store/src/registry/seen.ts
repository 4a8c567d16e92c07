/**
 * The national codes already read from one registry file, to refuse a second line with the
 * same code (issue 4). A code's check digit follows from its first nine digits, so those nine
 * digits (below 10⁹ < 2³²) identify it: an open-addressing hash set of 32-bit integers holds
 * a code in 4 bytes at a load of at most 1/2 — about 64 MiB for 10 million codes, against the
 * several hundred a JavaScript Set of strings would take (and a Set stops at 2²⁴ entries).
 * Prefix 000000000 gives the never-issued 0000000000 (refused before it gets here), so 0
 * marks an empty slot.
 */
export class NationalCodeSet {
  #slots = new Uint32Array(1 << 12);
  #mask = (1 << 12) - 1;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds a valid national code; false when it was already there. */
  add(code: string): boolean {
    const key = Number(code.slice(0, 9));
    if (!Number.isInteger(key) || key <= 0 || key >= 1e9)
      throw new RangeError('NationalCodeSet takes valid national codes only');
    if (!this.#insert(key)) return false;
    this.#size += 1;
    if (this.#size * 2 > this.#slots.length) this.#grow();
    return true;
  }

  #insert(key: number): boolean {
    // Fibonacci hashing spreads the scrambled and the sequential codes alike.
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & this.#mask;
    for (;;) {
      const slot = this.#slots[i];
      if (slot === 0) {
        this.#slots[i] = key;
        return true;
      }
      if (slot === key) return false;
      i = (i + 1) & this.#mask;
    }
  }

  #grow(): void {
    const old = this.#slots;
    this.#slots = new Uint32Array(old.length * 2);
    this.#mask = this.#slots.length - 1;
    for (const key of old) if (key !== 0) this.#insert(key);
  }
}
