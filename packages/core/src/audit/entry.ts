import { sha256Hex } from '../canonical.js';
import { problemCatalog, type ProblemCode } from '../errors.js';
import { auditEvents, isAuditAction, type AuditAction } from './events.js';
import { checkDetails, type AuditDetails } from './details.js';
import {
  AuditEntryError,
  auditActorKinds,
  auditOutcomes,
  type AuditActorKind,
  type AuditOutcome,
} from './types.js';

/**
 * One entry of the hash-chained audit log (law 6; docs/AUDIT.md "The chain"). These are all
 * the fields the entry hash covers, exactly as stored: SHA-256 over the RFC 8785 canonical JSON
 * of this object plus `format` (DESIGN §9). `previousHash` is the entry hash of entry
 * `sequence - 1`, or 64 zeros for entry 1, so that changing, removing, reordering or inserting
 * any entry changes every hash after it. Values are kept as strings where the store might hold
 * anything (a tampered row must still hash, never crash the verifier).
 */
export interface AuditEntry {
  readonly sequence: number;
  readonly electionId: string | null;
  /** When it happened, UTC ISO 8601 with milliseconds (DESIGN §9). */
  readonly occurredAt: string;
  /** When HQ wrote it, inside the append's lock. */
  readonly recordedAt: string;
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly actorScope: string | null;
  readonly action: string;
  readonly objectType: string | null;
  readonly objectId: string | null;
  readonly outcome: string;
  /** The catalogued problem code of a refusal or failure. */
  readonly reason: string | null;
  readonly sourceAddress: string | null;
  /** RFC 8785 canonical JSON text of the details object; hashed as this very string. */
  readonly details: string | null;
  readonly previousHash: string;
}

/** Domain separation: a hash of this format can never be mistaken for another object's. */
export const AUDIT_ENTRY_FORMAT = 'sandogh/v1/audit-entry';

/** The previous hash of entry 1. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

const FORMAT_JSON = JSON.stringify(AUDIT_ENTRY_FORMAT);
const json = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

/**
 * The entry's RFC 8785 canonical form, written directly: the object is flat, its keys are
 * fixed ASCII names, written below in code-unit order (RFC 8785 §3.2.3), and its values are
 * strings, null and one safe integer, which RFC 8785 §3.2.2 serialises exactly as ECMAScript's
 * JSON.stringify does. Equal to `canonicalJson` of the same object (entry.test.ts proves it on
 * generated entries), several times faster, which appends in the thousands per second and a
 * verifier of ten million entries both need.
 */
export function auditEntryCanonical(e: AuditEntry): string {
  if (!Number.isSafeInteger(e.sequence)) throw new RangeError('sequence is not an integer');
  return (
    `{"action":${json(e.action)},"actorId":${json(e.actorId)},"actorKind":${json(e.actorKind)}` +
    `,"actorRole":${json(e.actorRole)},"actorScope":${json(e.actorScope)}` +
    `,"details":${json(e.details)},"electionId":${json(e.electionId)},"format":${FORMAT_JSON}` +
    `,"objectId":${json(e.objectId)},"objectType":${json(e.objectType)}` +
    `,"occurredAt":${json(e.occurredAt)},"outcome":${json(e.outcome)}` +
    `,"previousHash":${json(e.previousHash)},"reason":${json(e.reason)}` +
    `,"recordedAt":${json(e.recordedAt)},"sequence":${String(e.sequence)}` +
    `,"sourceAddress":${json(e.sourceAddress)}}`
  );
}

export function auditEntryHash(entry: AuditEntry): string {
  return sha256Hex(auditEntryCanonical(entry));
}

/** Who caused an entry. Staff and devices are named; nobody else's typed name is recorded. */
export interface AuditActor {
  readonly kind: AuditActorKind;
  /** Staff id or device serial; for `system`, the component (e.g. `hq`); never for `anonymous`. */
  readonly id?: string | null;
  /** Staff role (DESIGN §1) or device kind. */
  readonly role?: string | null;
  /** Where the actor may act: `constituency`, `zone-hq:ID`, `zone:ID`, `branch:ID`, … */
  readonly scope?: string | null;
}

/** What a caller gives; the log fills in the sequence, the hashes and the time it was written. */
export interface AuditEntryInput {
  readonly action: AuditAction;
  readonly outcome: AuditOutcome;
  readonly actor: AuditActor;
  readonly electionId?: string | null;
  /** Defaults to the time of writing. */
  readonly occurredAt?: string;
  readonly object?: { readonly type: string; readonly id?: string | null } | null;
  /** Required for `refused` and `failed`, absent for `succeeded`. */
  readonly reason?: ProblemCode | null;
  readonly sourceAddress?: string | null;
  /** See docs/AUDIT.md "What details may hold": never secrets or personal data. */
  readonly details?: AuditDetails | null;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const IDENTIFIER = /^[\p{L}\p{N}][\p{L}\p{N}._:/@-]{0,127}$/u;
const SCOPE = /^[\p{L}\p{N}][\p{L}\p{N}._:/@,-]{0,199}$/u;
const ADDRESS = /^[0-9A-Za-z.:%_-]{1,100}$/;

export function isIsoInstant(text: string): boolean {
  if (!ISO_INSTANT.test(text)) return false;
  const time = Date.parse(text);
  return !Number.isNaN(time) && new Date(time).toISOString() === text;
}

function optional(value: string | null | undefined, pattern: RegExp, what: string): string | null {
  if (value === undefined || value === null) return null;
  if (!pattern.test(value)) throw new AuditEntryError(`audit entry: ${what} has a bad form`);
  return value;
}

/**
 * Checks an entry against the table of events.ts and the format's limits, and gives every
 * hashed field but `sequence` and `previousHash`, which only the append inside its lock knows.
 */
export function prepareAuditEntry(
  input: AuditEntryInput,
  recordedAt: string,
): Omit<AuditEntry, 'sequence' | 'previousHash'> {
  const action: string = input.action;
  if (!isAuditAction(action)) throw new AuditEntryError(`unknown audit action "${action}"`);
  const kind = auditEvents[action];
  const outcome: string = input.outcome;
  if (!(auditOutcomes as readonly string[]).includes(outcome))
    throw new AuditEntryError(`${action}: unknown outcome "${outcome}"`);
  if (!(kind.outcomes as readonly string[]).includes(outcome))
    throw new AuditEntryError(`${action} cannot end "${outcome}"`);
  const reason = input.reason ?? null;
  if ((outcome === 'succeeded') !== (reason === null))
    throw new AuditEntryError(`${action}: a reason is required for, and only for, ${outcome}`);
  if (reason !== null && !Object.hasOwn(problemCatalog, reason))
    throw new AuditEntryError(`${action}: reason "${reason}" is not a catalogued problem code`);
  const actorKind: string = input.actor.kind;
  if (!(auditActorKinds as readonly string[]).includes(actorKind))
    throw new AuditEntryError(`${action}: unknown actor kind "${actorKind}"`);
  const actorId = optional(input.actor.id, IDENTIFIER, 'actor id');
  if ((actorKind === 'staff' || actorKind === 'device') && actorId === null)
    throw new AuditEntryError(`${action}: a ${actorKind} actor needs its id`);
  // Law 6 asks who; DESIGN §9 forbids personal data: what an unknown caller typed as a name is
  // not recorded (it is as likely a mistyped password).
  if (actorKind === 'anonymous' && actorId !== null)
    throw new AuditEntryError(`${action}: an anonymous actor has no id`);
  const occurredAt = input.occurredAt ?? recordedAt;
  if (!isIsoInstant(occurredAt) || !isIsoInstant(recordedAt))
    throw new AuditEntryError(`${action}: times must be UTC ISO 8601 with milliseconds`);
  const objectType = optional(input.object?.type, IDENTIFIER, 'object type');
  const objectId = optional(input.object?.id, IDENTIFIER, 'object id');
  if (objectId !== null && objectType === null)
    throw new AuditEntryError(`${action}: an object id needs its type`);
  const details = input.details === undefined || input.details === null ? null : input.details;
  return {
    electionId: optional(input.electionId, IDENTIFIER, 'election id'),
    occurredAt,
    recordedAt,
    actorKind,
    actorId,
    actorRole: optional(input.actor.role, IDENTIFIER, 'actor role'),
    actorScope: optional(input.actor.scope, SCOPE, 'actor scope'),
    action,
    objectType,
    objectId,
    outcome,
    reason,
    sourceAddress: optional(input.sourceAddress, ADDRESS, 'source address'),
    details: details === null ? null : checkDetails(action, details),
  };
}
