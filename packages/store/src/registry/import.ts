import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import {
  ProblemError,
  err,
  ok,
  problem,
  type Bilingual,
  type Problem,
  type Result,
} from '@sandogh/core';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { parseRegistry, type ParseEvent } from './parse.js';
import { parseInWorker } from './parseThread.js';
import { registryDb } from './tables.js';
import { REGISTRY_BATCH_ROWS, encodeBatch, registryWriter, type EncodedBatch } from './write.js';

/**
 * Imports a voter registry file (issue 4; docs/FORMATS.md "Voter registry"): streams any size
 * in bounded memory — one batch of rows, the CSV parser's buffer and 4 bytes per national
 * code for the duplicate check (seen.ts) — and is atomic: every valid row is written in ONE
 * transaction, together with the import's own row and the caller's audit entry, or nothing is.
 * A crash (kill -9, power loss) at any point before the commit leaves the store exactly as it
 * was — the engine rolls the open transaction back on restart — and the operator runs the same
 * command again. Invalid rows do not stop the import: each goes to `onReject` with its line
 * number and reason, and the valid ones are written.
 *
 * Re-importing (an updated registry: deaths reported late, corrections) upserts by national
 * code: a voter in the file is rewritten, a new one added, and one already in the registry but
 * absent from the file is KEPT as it was and counted as `absent` — a person who has already
 * voted must never disappear from the registry. Marks ("has voted") live in the poll book's
 * tables and are never touched.
 */

export type RegistrySource = AsyncIterable<Uint8Array | string>;

/** One refused row, as the rejects file and the HQ's answer give it. */
export interface RegistryReject {
  /** 1-based line of the file (the header is line 1). */
  readonly line: number;
  readonly code: string;
  readonly message: Bilingual;
  readonly column?: string;
}

export interface RegistryImportSummary {
  readonly importId: string;
  readonly electionId: string;
  readonly fileSha256: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly rowsRead: number;
  readonly rowsRejected: number;
  readonly inserted: number;
  readonly updated: number;
  /** Voters already in the registry and not in this file: kept unchanged. */
  readonly absent: number;
  /** Voters of the election after the import. */
  readonly total: number;
}

export interface RegistryImportProgress {
  /** Bytes of the file read so far. */
  readonly bytes: number;
  readonly rows: number;
  /** 'reading' the file, then 'merging' the staged rows into the registry (SQLite, write.ts). */
  readonly stage: 'reading' | 'merging';
}

export interface RegistryImportOptions {
  readonly onReject?: (reject: RegistryReject) => void;
  /** Called after every batch written. */
  readonly onProgress?: (progress: RegistryImportProgress) => void;
  /** Rows per statement (default per engine, write.ts). */
  readonly batchRows?: number;
  /**
   * Runs inside the import's transaction once the rows are written (the caller's audit entry,
   * so the import and its record commit together, law 6). Throwing rolls everything back.
   */
  readonly alsoInTransaction?: (
    trx: Kysely<Database>,
    summary: RegistryImportSummary,
  ) => Promise<unknown>;
  /** Tests: called before each batch is written; throwing aborts the import. */
  readonly beforeBatch?: (batch: number) => void;
  /**
   * Parse and check the file in a worker thread while this one writes (parseWorker.ts): the
   * two halves of a large import overlap instead of adding up. Worth it for big files (the
   * CLI); a small upload (the HQ route) is not worth a thread's start-up. Default false.
   */
  readonly parseInWorker?: boolean;
}

/** An expected refusal raised inside the transaction so that it rolls back. */
class Refused extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map((p) => p.code).join(', '));
  }
}

function driverCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(code)) return code;
  return error instanceof Error ? error.name : 'unknown';
}

/**
 * The whole import; see the comment at the top. Answers the summary, or the problems that
 * refused it (nothing written): a bad header, malformed CSV, no valid row, DEFINITION_NOT_LOADED,
 * REGISTRY_IMPORT_RUNNING, or REGISTRY_IMPORT_FAILED for a store failure (rolled back).
 */
export async function importRegistry(
  store: Store,
  electionId: string,
  source: RegistrySource,
  options: RegistryImportOptions = {},
): Promise<Result<RegistryImportSummary, readonly Problem[]>> {
  const startedAt = new Date().toISOString();
  const importId = randomBytes(8).toString('hex');
  const batchRows = options.batchRows ?? REGISTRY_BATCH_ROWS[store.engine];
  const writer = registryWriter(store.engine, { electionId, importId, updatedAt: startedAt });
  const hash = createHash('sha256');
  let bytes = 0;

  try {
    const summary = await store.transaction(async (trx) => {
      const db = registryDb(trx);
      // One import at a time per election: on PostgreSQL a second one waits here for the first
      // to commit (FOR NO KEY UPDATE does not block the poll book's foreign-key checks); on
      // SQLite the transaction's write lock already serialises them.
      const election = await (store.engine === 'postgres'
        ? sql<{
            id: string;
          }>`select id from election where id = ${electionId} for no key update`.execute(trx)
        : sql<{ id: string }>`select id from election where id = ${electionId}`.execute(trx));
      if (election.rows.length === 0) throw new Refused([problem('DEFINITION_NOT_LOADED')]);
      const before = await countVoters(trx, electionId);
      await writer.begin(trx);

      let batches = 0;
      // Filled in by the events below (TypeScript does not follow assignments in a closure).
      const read = { rowsRead: 0, rejected: 0, header: false };
      const onBytes = (chunk: Uint8Array) => {
        hash.update(chunk);
        bytes += chunk.length;
      };
      const onEvent = async (event: ParseEvent<EncodedBatch>): Promise<void> => {
        switch (event.kind) {
          case 'batch':
            options.beforeBatch?.(batches);
            await writer.writeEncoded(trx, event.rows);
            batches += 1;
            read.rowsRead = event.rowsRead;
            options.onProgress?.({ bytes, rows: read.rowsRead, stage: 'reading' });
            return;
          case 'reject':
            options.onReject?.({
              line: event.line,
              code: event.code,
              message: event.message,
              ...(event.column === undefined ? {} : { column: event.column }),
            });
            return;
          case 'refused':
            throw new Refused(event.problems);
          case 'done':
            read.rowsRead = event.rowsRead;
            read.rejected = event.rejected;
            read.header = event.header;
            return;
        }
      };
      if (options.parseInWorker === true)
        await parseInWorker(source, store.engine, batchRows, onBytes, onEvent);
      else
        await parseRegistry(bytesOf(source, onBytes), batchRows, (event) =>
          onEvent(
            event.kind === 'batch'
              ? { ...event, rows: encodeBatch(store.engine, event.rows) }
              : event,
          ),
        );
      const { rowsRead, rejected } = read;
      options.onProgress?.({ bytes, rows: rowsRead, stage: 'merging' });
      await writer.finish(trx);
      if (!read.header) throw new Refused([problem('REGISTRY_FILE_EMPTY')]);
      const written = rowsRead - rejected;
      if (written === 0) throw new Refused([problem('REGISTRY_NO_VALID_ROWS', { rejected })]);

      const total = await countVoters(trx, electionId);
      const inserted = total - before;
      const updated = written - inserted;
      const done: RegistryImportSummary = {
        importId,
        electionId,
        fileSha256: hash.digest('hex'),
        startedAt,
        finishedAt: new Date().toISOString(),
        rowsRead,
        rowsRejected: rejected,
        inserted,
        updated,
        absent: before - updated,
        total,
      };
      await db
        .insertInto('registry_imports')
        .values({
          id: importId,
          election_id: electionId,
          file_sha256: done.fileSha256,
          started_at: startedAt,
          finished_at: done.finishedAt,
          rows_read: rowsRead,
          rows_rejected: rejected,
          inserted,
          updated,
          absent: done.absent,
          total,
        })
        .execute();
      await options.alsoInTransaction?.(trx, done);
      return done;
    });
    return ok(summary);
  } catch (error) {
    if (error instanceof Refused) return err(error.problems);
    if (error instanceof ProblemError) return err(error.problems);
    if (driverCode(error) === 'SQLITE_BUSY') return err([problem('REGISTRY_IMPORT_RUNNING')]);
    // The driver's message may quote a row's values (a national code): only its code is kept.
    return err([problem('REGISTRY_IMPORT_FAILED', { reason: driverCode(error) })]);
  }
}

async function* bytesOf(
  source: RegistrySource,
  onBytes: (chunk: Uint8Array) => void,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    onBytes(buffer);
    yield buffer;
  }
}

async function countVoters(trx: Kysely<Database>, electionId: string): Promise<number> {
  const row = await registryDb(trx)
    .selectFrom('registry_voters')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('election_id', '=', electionId)
    .executeTakeFirst();
  return row?.n ?? 0;
}
