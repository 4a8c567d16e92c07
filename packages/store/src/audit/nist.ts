import {
  AUDIT_CHECKPOINT_FORMAT,
  AUDIT_ENTRY_FORMAT,
  AUDIT_GENESIS_HASH,
  auditEntryCanonical,
  auditEvents,
  isAuditAction,
  nistDisposition,
  nistEventTypes,
  type AuditOutcome,
} from '@sandogh/core';
import type { Store } from '../store.js';
import { listCheckpoints, type AuditCheckpoint } from './checkpoint.js';
import { auditDb, entryFromRow, type StoredAuditEntry } from './tables.js';

/**
 * The audit log as NIST SP 1500-101 (election event logging) JSON, schema
 * NIST_V1_election_event_logging.json (draft-04): one ElectionEventLog whose one Device is HQ
 * (an EMS in the standard's terms, named by its checkpoint key id), holding every entry as an
 * Event in sequence order. Each Event's Details is the entry's exact hashed form (RFC 8785), so
 * anyone can recompute its Hash and the whole chain from the export alone; the Device's Details
 * carry the checkpoints with their signatures and the keys that made them.
 */
export const NIST_FORMATS = ['nist-1500-101', 'nist-1500-101-documentation'] as const;
export type NistFormat = (typeof NIST_FORMATS)[number];

export interface NistExportOptions {
  /** The HQ's current key, named in the Device Id; else the latest checkpoint's key. */
  readonly hqKeyId?: string;
  readonly electionId?: string;
  readonly version?: string;
  /** Defaults to now. */
  readonly generatedTime?: string;
  readonly pageSize?: number;
}

const MANUFACTURER = 'Sandogh project (open source)';
const MODEL = 'Sandogh HQ';
const VERSION = '0.1.0';

function bilingual(text: { en: string; fa: string }): string {
  return `${text.en} — ${text.fa}`;
}

function userId(entry: StoredAuditEntry): string {
  return entry.actorId === null ? entry.actorKind : `${entry.actorKind}:${entry.actorId}`;
}

export function nistEvent(entry: StoredAuditEntry): Record<string, string> {
  const kind = isAuditAction(entry.action) ? auditEvents[entry.action] : undefined;
  const outcome = entry.outcome as AuditOutcome;
  const known = ['succeeded', 'refused', 'failed'].includes(outcome);
  return {
    '@type': 'EventLogging.Event',
    Id: kind?.nist.id ?? entry.action,
    Sequence: String(entry.sequence),
    TimeStamp: entry.occurredAt,
    Type: kind?.nist.type ?? 'unknown',
    ...(kind === undefined ? {} : { Severity: kind.nist.severity }),
    Disposition: known ? nistDisposition(outcome) : 'other',
    ...(known ? {} : { OtherDisposition: entry.outcome }),
    UserId: userId(entry),
    Hash: entry.entryHash,
    Description:
      kind === undefined ? entry.action : `${entry.action}: ${bilingual(kind.description)}`,
    Details: auditEntryCanonical(entry),
  };
}

async function allCheckpoints(store: Store): Promise<AuditCheckpoint[]> {
  const out: AuditCheckpoint[] = [];
  let after = 0;
  for (;;) {
    const page = await listCheckpoints(store, { after, limit: 1_000 });
    out.push(...page.checkpoints);
    if (page.next === undefined) return out;
    after = page.next;
  }
}

/** The export as a sequence of text chunks, streamed page by page (bounded memory). */
export async function* nistEventLogChunks(
  store: Store,
  options: NistExportOptions = {},
): AsyncGenerator<string> {
  const checkpoints = await allCheckpoints(store);
  const keys = new Map<string, string>();
  for (const cp of checkpoints) keys.set(cp.keyId, cp.publicKey);
  const keyId = options.hqKeyId ?? checkpoints.at(-1)?.keyId;
  const deviceDetails = {
    chain: {
      entryFormat: AUDIT_ENTRY_FORMAT,
      hash: 'SHA-256 of Event.Details (RFC 8785 canonical JSON of the entry)',
      genesisPreviousHash: AUDIT_GENESIS_HASH,
    },
    checkpointFormat: AUDIT_CHECKPOINT_FORMAT,
    signature: 'Ed25519 (RFC 8032) over the RFC 8785 canonical JSON of the checkpoint payload',
    keys: [...keys].map(([id, publicKey]) => ({ keyId: id, publicKey })),
    checkpoints,
  };
  const head = {
    '@type': 'EventLogging.ElectionEventLog',
    GeneratedTime: options.generatedTime ?? new Date().toISOString(),
    ...(options.electionId === undefined ? {} : { ElectionId: options.electionId }),
    Details:
      'Sandogh HQ audit log: hash-chained, with checkpoints signed by HQ (docs/AUDIT.md). — دفتر ممیزی ستاد سندوق: زنجیرهٔ چکیده‌ها با نقاط بازبینی امضاشده.',
  };
  const device = {
    '@type': 'EventLogging.Device',
    Id: keyId === undefined ? 'sandogh-hq' : `sandogh-hq:${keyId}`,
    Type: 'ems',
    Manufacturer: MANUFACTURER,
    Model: MODEL,
    Version: options.version ?? VERSION,
    HashType: 'sha-256',
    Details: JSON.stringify(deviceDetails),
  };
  const open = JSON.stringify(head).slice(0, -1);
  const deviceOpen = JSON.stringify(device).slice(0, -1);
  yield `${open},"Device":[${deviceOpen},"Event":[`;
  const db = auditDb(store.db);
  const pageSize = options.pageSize ?? 2_000;
  let after = 0;
  let first = true;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('sequence', '>', after)
      .orderBy('sequence')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    let chunk = '';
    for (const row of rows) {
      chunk += `${first ? '' : ','}${JSON.stringify(nistEvent(entryFromRow(row)))}`;
      first = false;
    }
    yield chunk;
    after = rows[rows.length - 1]?.sequence ?? after;
    if (rows.length < pageSize) break;
  }
  yield ']}]}\n';
}

/**
 * The NIST SP 1500-101 ElectionEventLogDocumentation of this log: every event id and type with
 * its description, from the one event table (core/src/audit).
 */
export function nistEventLogDocumentation(
  options: { version?: string; generatedDate?: string } = {},
): Record<string, unknown> {
  return {
    '@type': 'EventLogging.ElectionEventLogDocumentation',
    DeviceManufacturer: MANUFACTURER,
    DeviceModel: MODEL,
    DeviceVersion: options.version ?? VERSION,
    GeneratedDate: options.generatedDate ?? new Date().toISOString().slice(0, 10),
    EventIdDescription: Object.entries(auditEvents).map(([code, kind]) => ({
      '@type': 'EventLogging.EventIdDescription',
      Id: kind.nist.id,
      Description: `${code}: ${bilingual(kind.description)}`,
    })),
    EventTypeDescription: Object.entries(nistEventTypes).map(([type, text]) => ({
      '@type': 'EventLogging.EventTypeDescription',
      Type: type,
      Description: bilingual(text),
    })),
  };
}
