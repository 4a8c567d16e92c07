import canonicalizeJson from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Signed and hashed data is serialised with RFC 8785 (JSON Canonicalization Scheme) so that
 * every party computes the same bytes (DESIGN §9).
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalizeJson(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return bytesToHex(sha256(typeof bytes === 'string' ? utf8ToBytes(bytes) : bytes));
}

/**
 * The canonical form laid out for people: RFC 8785's key order and number forms, indented by
 * two spaces, with a final newline. A file written this way is exported byte for byte as it
 * was imported (the demo's election.json, `sandogh election export`).
 */
export function prettyCanonicalJson(value: unknown): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(value)), null, 2)}\n`;
}

/** SHA-256 of the canonical JSON, hex. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** The short form people compare by eye on screens and printouts: 4 groups of 4 hex digits. */
export function shortHash(hexHash: string): string {
  return (hexHash.slice(0, 16).match(/.{4}/g) ?? []).join('-');
}
