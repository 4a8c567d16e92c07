// Audit-log append throughput (issue 3, law 6), beside references measured in the same run:
//
//   audit      recordAudit(store, batch): validation, RFC 8785 + SHA-256 per entry, the
//              chain-head compare-and-set, multi-row INSERT; one durable commit per batch.
//   kysely     the same precomputed rows (hashes included) through the store's own write path
//              (store.transaction + one Kysely multi-row INSERT); no validation, hashing or head.
//   reference  the same rows with the raw driver, the same batching: better-sqlite3 prepared
//              multi-row INSERT in BEGIN IMMEDIATE … COMMIT; node-postgres BEGIN, INSERT, COMMIT.
//
// Every contender writes into a fresh, migrated store (same table, same four indexes). SQLite
// runs WAL with synchronous=FULL; PostgreSQL locally with fsync on. Entries/s, median of RUNS.
//
//   node --import tsx bench/audit/append.ts
//
// Environment: RUNS (default 3), SANDOGH_TEST_POSTGRES_URL, SANDOGH_SKIP_POSTGRES=1.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { AUDIT_GENESIS_HASH, prepareAuditEntry, type AuditEntryInput } from '@sandogh/core';
import {
  auditDb,
  chainEntries,
  ephemeralHqKey,
  recordAudit,
  rowFromEntry,
  type AuditLogTable,
  type Engine,
} from '@sandogh/store';
import { openHqAudit } from '../../packages/hq/src/audit/recorder.js';
import { scratchStore } from '../scratchStore.js';
import { benchInstant, benchTrustee } from './entries.js';

const RUNS = Number(process.env['RUNS'] ?? 3);
const POSTGRES_URL =
  process.env['SANDOGH_TEST_POSTGRES_URL'] ?? 'postgres://root@127.0.0.1:5432/test';
const engines: Engine[] =
  process.env['SANDOGH_SKIP_POSTGRES'] === '1' ? ['sqlite'] : ['sqlite', 'postgres'];

/** Entries per run: enough commits to dominate start-up, few enough to finish in seconds. */
const SIZES: Record<Engine, Record<number, number>> = {
  sqlite: { 1: 3_000, 100: 60_000 },
  postgres: { 1: 2_000, 100: 40_000 },
};

/** What HQ records most: sign-ins, refusals of signed-in callers, device refusals. */
function entry(i: number): AuditEntryInput {
  const occurredAt = benchInstant(i);
  if (i % 3 === 0)
    return {
      action: 'access.login.succeeded',
      outcome: 'succeeded',
      actor: benchTrustee(i),
      occurredAt,
      sourceAddress: '10.20.30.40',
      object: { type: 'session' },
    };
  if (i % 3 === 1)
    return {
      action: 'access.refused',
      outcome: 'refused',
      reason: 'INPUT_INVALID',
      actor: benchTrustee(i),
      occurredAt,
      sourceAddress: '10.20.30.41',
      object: { type: 'branch', id: String(i % 2_874).padStart(4, '0') },
      details: {
        route: 'PUT /api/v1/branches/:branchId/opening',
        requestId: randomBytes(16).toString('hex'),
      },
    };
  return {
    action: 'devices.message.refused',
    outcome: 'refused',
    reason: 'INPUT_INVALID',
    actor: {
      kind: 'device',
      id: `A-${i % 6_044}`,
      role: 'authentication',
      scope: `branch:${i % 2_874}`,
    },
    occurredAt,
    object: { type: 'device', id: `A-${i % 6_044}` },
    details: { messageKind: 'checkin', bytes: 412 },
  };
}

const COLUMNS = Object.keys(
  rowFromEntry(
    chainEntries({ sequence: 0, entryHash: AUDIT_GENESIS_HASH }, [
      prepareAuditEntry(entry(0), new Date().toISOString()),
    ])[0] ?? (undefined as never),
  ),
);

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

async function timeAudit(engine: Engine, inputs: AuditEntryInput[], size: number): Promise<number> {
  const fresh = await scratchStore(engine);
  try {
    const start = performance.now();
    for (const batch of batches(inputs, size)) await recordAudit(fresh.store, batch);
    return performance.now() - start;
  } finally {
    await fresh.dispose();
  }
}

async function timeKysely(engine: Engine, rows: AuditLogTable[], size: number): Promise<number> {
  const fresh = await scratchStore(engine);
  try {
    const start = performance.now();
    for (const batch of batches(rows, size))
      await fresh.store.transaction((trx) =>
        auditDb(trx).insertInto('audit_log').values(batch).execute(),
      );
    return performance.now() - start;
  } finally {
    await fresh.dispose();
  }
}

function placeholders(rows: number, first = 1, dollar = false): string {
  let n = first;
  const tuple = () => `(${COLUMNS.map(() => (dollar ? `$${n++}` : '?')).join(', ')})`;
  return Array.from({ length: rows }, tuple).join(', ');
}

async function timeReference(engine: Engine, rows: AuditLogTable[], size: number): Promise<number> {
  const fresh = await scratchStore(engine);
  try {
    const values = (batch: AuditLogTable[]) =>
      batch.flatMap((r) => COLUMNS.map((c) => (r as unknown as Record<string, unknown>)[c]));
    const insert = `insert into audit_log (${COLUMNS.join(', ')}) values `;
    if (engine === 'sqlite') {
      await fresh.store.close();
      const db = new BetterSqlite3(fresh.where);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      try {
        const statement = db.prepare(insert + placeholders(size));
        const write = db.transaction((batch: AuditLogTable[]) => {
          const last =
            batch.length === size ? statement : db.prepare(insert + placeholders(batch.length));
          last.run(values(batch));
        });
        const start = performance.now();
        for (const batch of batches(rows, size)) write.immediate(batch);
        return performance.now() - start;
      } finally {
        db.close();
        rmSync(join(fresh.where, '..'), { recursive: true, force: true });
      }
    }
    const client = new pg.Client({
      connectionString: POSTGRES_URL,
      options: `-c search_path=${fresh.where}`,
    });
    await client.connect();
    try {
      const start = performance.now();
      for (const batch of batches(rows, size)) {
        await client.query('begin');
        await client.query(insert + placeholders(batch.length, 1, true), values(batch));
        await client.query('commit');
      }
      return performance.now() - start;
    } finally {
      await client.end();
      await fresh.dispose();
    }
  } catch (error) {
    if (engine === 'postgres') await fresh.dispose().catch(() => undefined);
    throw error;
  }
}

/**
 * HQ's `ctx.audit.record`: single entries from CONCURRENT callers at once, which the recorder
 * folds into shared transactions (group commit) — the path of refusals and sign-ins.
 */
const CONCURRENT = 64;
async function timeGroupCommit(engine: Engine, inputs: AuditEntryInput[]): Promise<number> {
  const fresh = await scratchStore(engine);
  try {
    const audit = openHqAudit(fresh.store, 'sqlite::memory:', { key: ephemeralHqKey() });
    let next = 0;
    const caller = async (): Promise<void> => {
      for (let i = next++; i < inputs.length; i = next++) {
        const input = inputs[i];
        if (input !== undefined) await audit.record(input);
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: CONCURRENT }, caller));
    return performance.now() - start;
  } finally {
    await fresh.dispose();
  }
}

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const rate = (n: number, ms: number): string => Math.round((n * 1000) / ms).toLocaleString('en-US');

console.log(
  '| engine | batch | entries | audit (entries/s) | kysely, no chain (entries/s) | reference raw driver (entries/s) | audit / reference | audit / kysely |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const engine of engines) {
  for (const size of [1, 100]) {
    const total = SIZES[engine][size] ?? 1_000;
    const inputs = Array.from({ length: total }, (_, i) => entry(i));
    const recordedAt = new Date().toISOString();
    const rows = chainEntries(
      { sequence: 0, entryHash: AUDIT_GENESIS_HASH },
      inputs.map((e) => prepareAuditEntry(e, recordedAt)),
    ).map(rowFromEntry);
    const times = { audit: [] as number[], kysely: [] as number[], reference: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      // Interleaved, the order turning each run, so drift in the machine hits all alike.
      const order = [0, 1, 2].map((k) => (k + run) % 3);
      for (const k of order) {
        if (k === 0) times.audit.push(await timeAudit(engine, inputs, size));
        else if (k === 1) times.kysely.push(await timeKysely(engine, rows, size));
        else times.reference.push(await timeReference(engine, rows, size));
      }
    }
    const a = median(times.audit);
    const k = median(times.kysely);
    const r = median(times.reference);
    console.log(
      `| ${engine} | ${size} | ${total.toLocaleString('en-US')} | ${rate(total, a)} | ${rate(total, k)} | ${rate(total, r)} | ${(r / a).toFixed(2)} | ${(k / a).toFixed(2)} |`,
    );
  }
}

console.log('');
console.log(
  `| engine | entries, one per ctx.audit.record() call, ${CONCURRENT} callers at once | group commit (entries/s) |`,
);
console.log('|---|---:|---:|');
for (const engine of engines) {
  const total = SIZES[engine][100] ?? 1_000;
  const inputs = Array.from({ length: total / 4 }, (_, i) => entry(i));
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) times.push(await timeGroupCommit(engine, inputs));
  console.log(
    `| ${engine} | ${inputs.length.toLocaleString('en-US')} | ${rate(inputs.length, median(times))} |`,
  );
}
