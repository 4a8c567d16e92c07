import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import {
  parseRegistryHeader,
  parseRegistryRow,
  problem,
  type Bilingual,
  type Problem,
  type RegistryHeader,
  type RegistryRecord,
} from '@sandogh/core';
import { NationalCodeSet } from './seen.js';

/**
 * The file half of a registry import (issue 4): CSV records → checked rows, in batches, with
 * every refused row reported by line and reason. Runs in the import's own thread or in a
 * worker (parseWorker.ts); either way it holds one batch, the CSV parser's buffer and the
 * duplicate set (seen.ts) — bounded memory whatever the file's size.
 */

export type ParsedBatch = readonly RegistryRecord[];

export type ParseEvent<B> =
  | { readonly kind: 'batch'; readonly rows: B; readonly rowsRead: number }
  | {
      readonly kind: 'reject';
      readonly line: number;
      readonly code: string;
      readonly message: Bilingual;
      readonly column?: string;
    }
  /** The file is refused as a whole (bad header, malformed CSV): nothing may be written. */
  | { readonly kind: 'refused'; readonly problems: readonly Problem[] }
  | {
      readonly kind: 'done';
      readonly rowsRead: number;
      readonly rejected: number;
      readonly header: boolean;
    };

/** A newline inside a quoted field makes one record span several lines of the file. */
function linesOf(fields: readonly string[]): number {
  let lines = 1;
  for (const f of fields) {
    if (f.length > 0 && f.includes('\n')) lines += f.split('\n').length - 1;
  }
  return lines;
}

/**
 * Parses `source`, calling `onEvent` in file order and awaiting it (so a slow writer slows the
 * reading: flow control). Ends with one 'done' or one 'refused' event. A failure of the source
 * itself (a read error) is thrown.
 */
export async function parseRegistry(
  source: AsyncIterable<Uint8Array>,
  batchRows: number,
  onEvent: (event: ParseEvent<ParsedBatch>) => Promise<void>,
): Promise<void> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: false });
  const feeding = pipeline(source, parser);
  feeding.catch(() => undefined);
  let header: RegistryHeader | undefined;
  let line = 0;
  let rowsRead = 0;
  let rejected = 0;
  const seen = new NationalCodeSet();
  let batch: RegistryRecord[] = [];
  const reject = async (at: number, p: Problem, column?: string) => {
    rejected += 1;
    await onEvent({
      kind: 'reject',
      line: at,
      code: p.code,
      message: p.message,
      ...(column === undefined ? {} : { column }),
    });
  };
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const at = line + 1;
      line += linesOf(record);
      // An empty (or blank) line is no record; the line count still moves on.
      if (record.length === 1 && (record[0] ?? '').trim() === '') continue;
      if (header === undefined) {
        const parsed = parseRegistryHeader(record);
        if (!parsed.ok) {
          await onEvent({ kind: 'refused', problems: parsed.error });
          return;
        }
        header = parsed.value;
        continue;
      }
      rowsRead += 1;
      const row = parseRegistryRow(header, record);
      if (!row.ok) {
        await reject(at, row.error.problem, row.error.column);
        continue;
      }
      if (!seen.add(row.value.nationalCode)) {
        await reject(at, problem('REGISTRY_ROW_DUPLICATE'), 'national_code');
        continue;
      }
      batch.push(row.value);
      if (batch.length >= batchRows) {
        const full = batch;
        batch = [];
        await onEvent({ kind: 'batch', rows: full, rowsRead });
      }
    }
    await feeding;
  } catch (error) {
    if (error instanceof CsvError) {
      const lines = (error as CsvError & { lines?: unknown }).lines;
      await onEvent({
        kind: 'refused',
        problems: [
          problem('REGISTRY_CSV_MALFORMED', {
            line: typeof lines === 'number' ? lines : line + 1,
            reason: error.code,
          }),
        ],
      });
      return;
    }
    throw error;
  }
  if (batch.length > 0) await onEvent({ kind: 'batch', rows: batch, rowsRead });
  await onEvent({ kind: 'done', rowsRead, rejected, header: header !== undefined });
}
