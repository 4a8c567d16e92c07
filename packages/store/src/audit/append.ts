import type { Kysely } from 'kysely';
import {
  AUDIT_GENESIS_HASH,
  prepareAuditEntry,
  type AuditEntry,
  type AuditEntryInput,
} from '@sandogh/core';
import { hashAuditEntry } from './hash.js';
import { constraintViolation } from '../bulk.js';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { auditDb, rowFromEntry, type AuditDb, type StoredAuditEntry } from './tables.js';

/** The last entry of the chain: its sequence (0 for an empty log) and entry hash. */
export interface AuditHead {
  readonly sequence: number;
  readonly entryHash: string;
}

export interface AppendedAudit {
  /** Sequence of the first entry written (head + 1). */
  readonly first: number;
  /** Sequence and hash of the last entry written: the new head. */
  readonly head: AuditHead;
  readonly entries: readonly StoredAuditEntry[];
}

/**
 * 17 columns × 1,000 rows = 17,000 parameters, under SQLite's 32,766 and PostgreSQL's 65,535
 * (store.ts MAX_PARAMETERS); bigger statements gain nothing measurable.
 */
const ROWS_PER_INSERT = 1_000;

/** Attempts before giving up on a head that keeps moving (each loss means another append won). */
const MAX_ATTEMPTS = 10_000;

export async function readChainHead(db: AuditDb): Promise<AuditHead | undefined> {
  const row = await db
    .selectFrom('audit_chain_head')
    .select(['sequence', 'entry_hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return row === undefined ? undefined : { sequence: row.sequence, entryHash: row.entry_hash };
}

/**
 * The head row is created by migration 0002; should it be gone (a test harness truncating
 * every table, or someone deleting it), it is rebuilt from the log's last entry. Whether the
 * log is complete is not this function's business: `verifyAuditLog` answers that against the
 * signed checkpoints.
 */
async function headOrRestored(db: AuditDb): Promise<AuditHead> {
  const head = await readChainHead(db);
  if (head !== undefined) return head;
  const tail = await db
    .selectFrom('audit_log')
    .select(['sequence', 'entry_hash'])
    .orderBy('sequence', 'desc')
    .limit(1)
    .executeTakeFirst();
  const restored =
    tail === undefined
      ? { sequence: 0, entryHash: AUDIT_GENESIS_HASH }
      : { sequence: tail.sequence, entryHash: tail.entry_hash };
  await db
    .insertInto('audit_chain_head')
    .values({ id: 1, sequence: restored.sequence, entry_hash: restored.entryHash })
    .execute();
  return restored;
}

/** Chains prepared entries onto a head: sequence numbers and hashes, in order. */
export function chainEntries(
  head: AuditHead,
  prepared: readonly Omit<AuditEntry, 'sequence' | 'previousHash'>[],
): StoredAuditEntry[] {
  const out: StoredAuditEntry[] = [];
  let previousHash = head.entryHash;
  let sequence = head.sequence;
  for (const fields of prepared) {
    sequence += 1;
    const entry: AuditEntry = { ...fields, sequence, previousHash };
    const entryHash = hashAuditEntry(entry);
    out.push({ ...entry, entryHash });
    previousHash = entryHash;
  }
  return out;
}

/**
 * The one write path of the log. `build` sees the current head and returns the entries to
 * chain onto it (or undefined to write nothing). The head row is then moved with a
 * compare-and-set UPDATE — `where sequence = old and entry_hash = old` — which takes the row's
 * write lock until the caller's transaction ends: a concurrent appender's UPDATE waits, then
 * finds the head moved, matches no row and starts again from the new head. So every
 * committed append extends the chain that the one before it left, on SQLite (whose writers
 * are serialised anyway), PostgreSQL at READ COMMITTED and serializable engines alike, with
 * portable statements only (DESIGN §6: no SELECT … FOR UPDATE, no RETURNING). The primary key
 * on `sequence` is the last guard: two entries can never share a number.
 */
export async function appendBuilt<T>(
  db: Kysely<Database>,
  build: (
    head: AuditHead,
  ) =>
    | { entries: StoredAuditEntry[]; result: T }
    | undefined
    | Promise<{ entries: StoredAuditEntry[]; result: T } | undefined>,
): Promise<{ appended: AppendedAudit; result: T } | undefined> {
  const adb = auditDb(db);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const head = await headOrRestored(adb);
    const built = await build(head);
    if (built === undefined) return undefined;
    const last = built.entries.at(-1);
    if (last === undefined) return undefined;
    const moved = await adb
      .updateTable('audit_chain_head')
      .set({ sequence: last.sequence, entry_hash: last.entryHash })
      .where('id', '=', 1)
      .where('sequence', '=', head.sequence)
      .where('entry_hash', '=', head.entryHash)
      .executeTakeFirst();
    if (moved.numUpdatedRows === 0n) continue;
    const rows = built.entries.map(rowFromEntry);
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT)
      await adb
        .insertInto('audit_log')
        .values(rows.slice(start, start + ROWS_PER_INSERT))
        .execute();
    return {
      appended: {
        first: head.sequence + 1,
        head: { sequence: last.sequence, entryHash: last.entryHash },
        entries: built.entries,
      },
      result: built.result,
    };
  }
  throw new Error(`audit append: the chain head moved ${MAX_ATTEMPTS} times in a row`);
}

/**
 * Appends entries to the audit log inside the caller's transaction (pass the `trx` of
 * `store.transaction`), so that a state change and its record commit together or not at all
 * (law 6). Many entries cost one head update and a few multi-row INSERTs. Throws
 * AuditEntryError for an entry that breaks the event table's rules (a programmer error).
 */
export async function appendAudit(
  trx: Kysely<Database>,
  entries: readonly AuditEntryInput[],
): Promise<AppendedAudit | undefined> {
  if (entries.length === 0) return undefined;
  const recordedAt = new Date().toISOString();
  const prepared = entries.map((e) => prepareAuditEntry(e, recordedAt));
  const done = await appendBuilt(trx, (head) => ({
    entries: chainEntries(head, prepared),
    result: undefined,
  }));
  return done?.appended;
}

/**
 * Appends entries in a transaction of their own, for a caller that changed nothing else (a
 * refusal, a login). A head row rebuilt by two writers at once collides on its key: the loser
 * tries once more.
 */
export async function recordAudit(
  store: Store,
  entries: readonly AuditEntryInput[],
): Promise<AppendedAudit | undefined> {
  try {
    return await store.transaction((trx) => appendAudit(trx, entries));
  } catch (error) {
    if (constraintViolation(error)?.kind !== 'unique') throw error;
    return store.transaction((trx) => appendAudit(trx, entries));
  }
}
