import { canonicalHash } from '../canonical.js';
import type { ElectionDefinition } from './schema.js';

/**
 * The election hash: SHA-256 over the RFC 8785 form of the whole definition. Every package,
 * ballot, report and signed message names it, and a device refuses anything made for another.
 */
export function electionHash(definition: ElectionDefinition): string {
  return canonicalHash(definition);
}
