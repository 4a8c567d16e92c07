// RFC 8785 (JSON Canonicalization Scheme), as DESIGN §9 requires for hashed JSON. Only the
// manifest is hashed this way (docs/CRYPTO.md §4.1); everything else is hashed as binary.
// JSON.stringify already serialises strings (§3.2.2.2) and numbers (§3.2.2.3) as JCS requires;
// what it lacks is key order, which JCS fixes by UTF-16 code units — the default sort order.
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string')
    return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('JCS has no encoding for non-finite numbers');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`not JSON: ${typeof value}`);
}
