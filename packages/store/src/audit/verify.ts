import {
  AUDIT_GENESIS_HASH,
  auditCheckpointMessage,
  err,
  ok,
  problem,
  type Problem,
  type Result,
} from '@sandogh/core';
import { hashAuditEntry } from './hash.js';
import type { Store } from '../store.js';
import { readChainHead, type AuditHead } from './append.js';
import { checkpointFromRow, type AuditCheckpoint } from './checkpoint.js';
import { verifyEd25519 } from './hqKey.js';
import {
  auditDb,
  entryFromRow,
  type AuditDb,
  type AuditLogTable,
  type StoredAuditEntry,
} from './tables.js';
import { diagnoseBrokenLink } from './diagnose.js';

export interface VerifyAuditOptions {
  /**
   * The HQ public keys (raw Ed25519, base64) a checkpoint may be signed with: the current key
   * and any earlier ones. Without them each checkpoint's own stored key is believed, which
   * proves only that the log agrees with itself; the report says so (`keysPinned: false`).
   */
  readonly hqPublicKeys?: readonly string[];
  /**
   * Checkpoints kept outside HQ — by observers, candidates' representatives, the press — as
   * published at the time (GET /api/v1/audit/checkpoints). The stored log must still hold each
   * one's entry with the same hash: a log rewritten or cut by someone holding the database and
   * the HQ key, who re-signed its checkpoints, is caught by any copy kept before (AUDIT.md §3).
   * Their signatures are checked as the stored checkpoints' are.
   */
  readonly witnessed?: readonly AuditCheckpoint[];
  /** Entries read per query; memory stays bounded by it whatever the log's length. */
  readonly pageSize?: number;
  readonly onProgress?: (checked: number, total: number) => void;
}

export interface AuditLogVerified {
  readonly entries: number;
  readonly checkpoints: number;
  readonly head: AuditHead;
  readonly lastCheckpoint: AuditCheckpoint | undefined;
  /** Entries after the last checkpoint: what no signature protects yet. */
  readonly unsignedEntries: number;
  readonly keysPinned: boolean;
  /** Ids of the keys that signed the checkpoints, in order of first use. */
  readonly keyIds: readonly string[];
}

export type AuditBreachKind =
  | 'edited'
  | 'removed'
  | 'reordered'
  | 'inserted'
  | 'broken-link'
  | 'truncated'
  | 'head-mismatch'
  | 'checkpoint-signature'
  | 'checkpoint-untrusted-key'
  | 'checkpoint-off-chain'
  | 'checkpoint-missing'
  | 'witness-mismatch';

/** The first bad entry: where the record stops being provably what was written. */
export interface AuditLogBreach {
  readonly sequence: number;
  readonly kind: AuditBreachKind;
  /** The catalogued problem (AUDIT_*) with the message in Persian and English. */
  readonly problem: Problem;
  /** Entries verified good before it. */
  readonly checked: number;
}

export type AuditVerification = Result<AuditLogVerified, AuditLogBreach>;

const PAGE_SIZE = 5_000;

function breach(
  kind: AuditBreachKind,
  sequence: number,
  checked: number,
  found: Problem,
): AuditVerification {
  return err({ sequence, kind, problem: found, checked });
}

/** Checks one checkpoint that sits on an entry already proven good. */
function checkpointBreach(
  cp: AuditCheckpoint,
  entry: StoredAuditEntry,
  trusted: ReadonlySet<string> | undefined,
  checked: number,
): AuditVerification | undefined {
  const own = signatureBreach(cp, trusted, checked);
  if (own !== undefined) return own;
  if (cp.entryHash !== entry.entryHash)
    return breach(
      'checkpoint-off-chain',
      cp.sequence,
      checked,
      problem('AUDIT_CHECKPOINT_OFF_CHAIN', { sequence: cp.sequence }),
    );
  return undefined;
}

/** A checkpoint's own faults: its signature, and whether its key is trusted. */
function signatureBreach(
  cp: AuditCheckpoint,
  trusted: ReadonlySet<string> | undefined,
  checked: number,
): AuditVerification | undefined {
  const s = cp.sequence;
  const message = new TextEncoder().encode(auditCheckpointMessage(cp));
  if (!verifyEd25519(cp.publicKey, message, cp.signature))
    return breach(
      'checkpoint-signature',
      s,
      checked,
      problem('AUDIT_CHECKPOINT_SIGNATURE', { sequence: s }),
    );
  if (trusted !== undefined && !trusted.has(cp.publicKey))
    return breach(
      'checkpoint-untrusted-key',
      s,
      checked,
      problem('AUDIT_CHECKPOINT_UNTRUSTED_KEY', { sequence: s, keyId: cp.keyId }),
    );
  return undefined;
}

/**
 * After the last entry: the log must reach every genuine checkpoint (a checkpoint past the end
 * that fails its own signature is the fault, not the log) and the chain head, and the head
 * must name the last entry's hash.
 */
function tailBreach(
  last: number,
  lastHash: string,
  head: AuditHead | undefined,
  checkpoints: readonly AuditCheckpoint[],
  trusted: ReadonlySet<string> | undefined,
): AuditVerification | undefined {
  const beyond = checkpoints.filter((cp) => cp.sequence > last);
  const genuine = beyond.filter((cp) => signatureBreach(cp, trusted, last) === undefined);
  const truncated = (to: number, evidence: 'checkpoint' | 'head'): AuditVerification =>
    err({
      sequence: last + 1,
      kind: 'truncated',
      checked: last,
      problem: problem('AUDIT_LOG_TRUNCATED', { sequence: last + 1, last: to, evidence }),
    });
  const signedEnd = Math.max(0, ...genuine.map((cp) => cp.sequence));
  if (signedEnd > last) return truncated(signedEnd, 'checkpoint');
  const forged = beyond[0];
  if (forged !== undefined) return signatureBreach(forged, trusted, last);
  const mismatch = (at: number): AuditVerification =>
    err({
      sequence: at,
      kind: 'head-mismatch',
      checked: Math.min(at - 1, last),
      problem: problem('AUDIT_HEAD_MISMATCH', {
        head: head?.sequence ?? 'missing',
        sequence: last,
      }),
    });
  if (head === undefined) return last > 0 ? mismatch(last) : undefined;
  if (head.sequence > last) return truncated(head.sequence, 'head');
  if (head.sequence < last) return mismatch(head.sequence + 1);
  if (head.entryHash !== lastHash) return mismatch(last);
  return undefined;
}

async function loadCheckpoints(db: AuditDb): Promise<Map<number, AuditCheckpoint>> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('sequence').execute();
  return new Map(rows.map((r) => [r.sequence, checkpointFromRow(r)]));
}

/**
 * Proves the audit log intact (law 6; docs/AUDIT.md "How to verify"): every entry's hash is
 * recomputed from its fields, every entry must carry the hash of the one before it and the
 * next sequence number, every checkpoint's signature must verify with a trusted HQ key and sign
 * a hash that is on the chain, every announced checkpoint must exist, and the chain must reach
 * as far as the latest checkpoint and the chain head say it does. The log is read in pages by
 * sequence, so ten million entries verify in the memory of one page. Stops at the first bad
 * entry and says what is wrong with it: edited, removed, reordered, inserted, cut from the
 * end, or a checkpoint that fails.
 */
export async function verifyAuditLog(
  store: Store,
  options: VerifyAuditOptions = {},
): Promise<AuditVerification> {
  const db = auditDb(store.db);
  const trusted = options.hqPublicKeys === undefined ? undefined : new Set(options.hqPublicKeys);
  const pageSize = options.pageSize ?? PAGE_SIZE;
  // The bounds first, then the head: an append committing in between only raises the head,
  // so a head below the largest sequence can only mean tampering.
  const bounds = await db
    .selectFrom('audit_log')
    .select((eb) => [eb.fn.min('sequence').as('low'), eb.fn.max('sequence').as('high')])
    .executeTakeFirst();
  const low = bounds?.low ?? null;
  const high = bounds?.high ?? 0;
  const head = await readChainHead(db);
  const checkpoints = await loadCheckpoints(db);
  const witnessed = new Map((options.witnessed ?? []).map((cp) => [cp.sequence, cp]));
  for (const cp of witnessed.values()) {
    const forged = signatureBreach(cp, trusted, 0);
    if (forged !== undefined) return forged;
  }
  const limit = Math.max(head?.sequence ?? 0, high);
  if (low !== null && low < 1)
    return breach('inserted', low, 0, problem('AUDIT_ENTRY_INSERTED', { sequence: low }));

  let expected = 1;
  let previousHash = AUDIT_GENESIS_HASH;
  let beforePrevious: string | undefined;
  let lastCheckpoint: AuditCheckpoint | undefined;
  const keyIds: string[] = [];
  const page = (from: number): Promise<AuditLogTable[]> =>
    db
      .selectFrom('audit_log')
      .selectAll()
      .where('sequence', '>=', from)
      .where('sequence', '<=', limit)
      .orderBy('sequence')
      .limit(pageSize)
      .execute();
  // The next page is asked for before this one is hashed, so the engine's I/O and parsing run
  // beside the hashing (PostgreSQL; SQLite's driver is synchronous and gains nothing).
  let next: Promise<AuditLogTable[]> | undefined = page(1);
  while (next !== undefined) {
    const rows: AuditLogTable[] = await next;
    const lastRow = rows.at(-1);
    next =
      rows.length === pageSize && lastRow !== undefined ? page(lastRow.sequence + 1) : undefined;
    // A breach below returns early; the page asked for ahead is then dropped unread.
    next?.catch(() => undefined);
    for (const row of rows) {
      const entry = entryFromRow(row);
      const checked = expected - 1;
      if (entry.sequence !== expected) {
        const moved = await db
          .selectFrom('audit_log')
          .select('sequence')
          .where('previous_hash', '=', previousHash)
          .executeTakeFirst();
        if (moved !== undefined)
          return breach(
            'reordered',
            expected,
            checked,
            problem('AUDIT_ENTRY_REORDERED', { sequence: moved.sequence, follows: expected - 1 }),
          );
        return breach(
          'removed',
          expected,
          checked,
          problem('AUDIT_ENTRY_REMOVED', { sequence: expected }),
        );
      }
      const linked = entry.previousHash === previousHash;
      if (!linked) {
        const found = await diagnoseBrokenLink(db, entry, previousHash, beforePrevious);
        return breach(
          found.kind,
          found.sequence,
          found.kind === 'inserted' ? checked - 1 : checked,
          found.problem,
        );
      }
      if (hashAuditEntry(entry) !== entry.entryHash)
        return breach(
          'edited',
          expected,
          checked,
          problem('AUDIT_ENTRY_EDITED', { sequence: expected }),
        );
      const kept = witnessed.get(expected);
      if (kept !== undefined && kept.entryHash !== entry.entryHash)
        return breach(
          'witness-mismatch',
          expected,
          checked,
          problem('AUDIT_WITNESS_MISMATCH', { sequence: expected, signedAt: kept.signedAt }),
        );
      const cp = checkpoints.get(expected);
      if (cp !== undefined) {
        const bad = checkpointBreach(cp, entry, trusted, checked);
        if (bad !== undefined) return bad;
        lastCheckpoint = cp;
        if (!keyIds.includes(cp.keyId)) keyIds.push(cp.keyId);
      } else if (entry.action === 'audit.checkpoint.signed') {
        return breach(
          'checkpoint-missing',
          expected,
          checked,
          problem('AUDIT_CHECKPOINT_MISSING', { sequence: expected }),
        );
      }
      beforePrevious = previousHash;
      previousHash = entry.entryHash;
      expected += 1;
    }
    options.onProgress?.(expected - 1, limit);
  }

  const last = expected - 1;
  const tail = tailBreach(
    last,
    previousHash,
    head,
    [...checkpoints.values(), ...witnessed.values()],
    trusted,
  );
  if (tail !== undefined) return tail;
  return ok({
    entries: last,
    checkpoints: checkpoints.size,
    head: { sequence: last, entryHash: previousHash },
    lastCheckpoint,
    unsignedEntries: last - (lastCheckpoint?.sequence ?? 0),
    keysPinned: trusted !== undefined,
    keyIds,
  });
}
