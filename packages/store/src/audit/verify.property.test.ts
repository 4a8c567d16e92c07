import fc from 'fast-check';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { AUDIT_GENESIS_HASH, auditEntryHash } from '@sandogh/core';
import type { Store } from '../store.js';
import { describeEachEngine } from '../testing/engines.js';
import { recordAudit } from './append.js';
import { signCheckpoint } from './checkpoint.js';
import { ephemeralHqKey } from './hqKey.js';
import {
  auditDb,
  entryFromRow,
  rowFromEntry,
  type AuditLogTable,
  type StoredAuditEntry,
} from './tables.js';
import { sampleAuditEntries } from './testSupport.js';
import { verifyAuditLog } from './verify.js';

const hqKey = ephemeralHqKey();

/** A random log: batches of entries, some followed by a signed checkpoint. */
const logShape = fc.array(
  fc.record({ entries: fc.integer({ min: 1, max: 6 }), checkpoint: fc.boolean() }),
  { minLength: 1, maxLength: 5 },
);

const COLUMNS = [
  'election_id',
  'occurred_at',
  'recorded_at',
  'actor_kind',
  'actor_id',
  'actor_role',
  'actor_scope',
  'action',
  'object_type',
  'object_id',
  'outcome',
  'reason',
  'source_address',
  'details',
  'previous_hash',
  'entry_hash',
] as const satisfies readonly (keyof AuditLogTable)[];

/** One change an insider with write access to the database could make. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    at: fc.nat(),
    column: fc.constantFrom(...COLUMNS),
    value: fc.string({ maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('renumber' as const),
    at: fc.nat(),
    to: fc.constantFrom(-3, 0, 1_000),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    actor: fc.string({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), rewindHead: fc.boolean() }),
  fc.record({
    kind: fc.constant('checkpoint' as const),
    at: fc.nat(),
    how: fc.constantFrom('forge', 'delete'),
  }),
  fc.record({ kind: fc.constant('head' as const), back: fc.integer({ min: 0, max: 3 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

const EXAMPLE_LOG = [
  { entries: 4, checkpoint: true },
  { entries: 3, checkpoint: false },
];
const EXAMPLES: Mutation[] = [
  { kind: 'edit', at: 2, column: 'actor_id', value: 'x' },
  { kind: 'renumber', at: 1, to: 1_000 },
  { kind: 'delete', at: 3 },
  { kind: 'swap', at: 1, other: 5 },
  { kind: 'insert', at: 2, actor: 'intruder' },
  { kind: 'truncate', at: 3, rewindHead: true },
  { kind: 'checkpoint', at: 0, how: 'forge' },
  { kind: 'head', back: 2 },
];

async function reset(store: Store): Promise<void> {
  await sql`delete from audit_log`.execute(store.db);
  await sql`delete from audit_checkpoints`.execute(store.db);
  await sql`delete from audit_chain_head`.execute(store.db);
  await sql`insert into audit_chain_head (id, sequence, entry_hash) values (1, 0, ${AUDIT_GENESIS_HASH})`.execute(
    store.db,
  );
}

async function rows(store: Store): Promise<StoredAuditEntry[]> {
  const all = await auditDb(store.db)
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('sequence')
    .execute();
  return all.map(entryFromRow);
}

const exec = (store: Store, query: ReturnType<typeof sql>) => query.execute(store.db);

/**
 * Applies the mutation and returns the sequence verification must name, or null when any
 * finding will do; undefined when this mutation cannot apply to this log (or is, by design,
 * beyond what a hash chain can see: a tail cut past the last checkpoint with the head moved
 * back to match).
 */
async function mutate(
  store: Store,
  m: Mutation,
  checkpoints: number[],
): Promise<number | null | undefined> {
  const log = await rows(store);
  const n = log.length;
  const k = 1 + ((m.kind === 'head' ? 0 : m.at) % n);
  switch (m.kind) {
    case 'edit': {
      const row = log[k - 1];
      if (row === undefined) return undefined;
      const before = rowFromEntry(row)[m.column];
      const value = before === null ? m.value : `${before}${m.value === '' ? 'x' : m.value}`;
      await exec(
        store,
        sql`update audit_log set ${sql.ref(m.column)} = ${value} where sequence = ${k}`,
      );
      return k;
    }
    case 'renumber':
      await exec(
        store,
        sql`update audit_log set sequence = ${m.to === 1_000 ? n + 7 : m.to} where sequence = ${k}`,
      );
      return null;
    case 'delete':
      await exec(store, sql`delete from audit_log where sequence = ${k}`);
      return k;
    case 'swap': {
      const j = 1 + (m.other % n);
      if (j === k) return undefined;
      await exec(store, sql`update audit_log set sequence = -1 where sequence = ${k}`);
      await exec(store, sql`update audit_log set sequence = ${k} where sequence = ${j}`);
      await exec(store, sql`update audit_log set sequence = ${j} where sequence = -1`);
      return Math.min(j, k);
    }
    case 'insert': {
      for (let s = n; s >= k; s--)
        await exec(store, sql`update audit_log set sequence = ${s + 1} where sequence = ${s}`);
      const template = log[k - 1];
      if (template === undefined) return undefined;
      const forged = {
        ...template,
        sequence: k,
        actorId: m.actor,
        previousHash: log[k - 2]?.entryHash ?? AUDIT_GENESIS_HASH,
      };
      await auditDb(store.db)
        .insertInto('audit_log')
        .values(rowFromEntry({ ...forged, entryHash: auditEntryHash(forged) }))
        .execute();
      return k;
    }
    case 'truncate': {
      if (m.rewindHead && !checkpoints.some((c) => c >= k)) return undefined;
      await exec(store, sql`delete from audit_log where sequence >= ${k}`);
      if (m.rewindHead)
        await exec(
          store,
          sql`update audit_chain_head set sequence = ${k - 1}, entry_hash = ${log[k - 2]?.entryHash ?? AUDIT_GENESIS_HASH}`,
        );
      return k;
    }
    case 'checkpoint': {
      const c = checkpoints[m.at % Math.max(checkpoints.length, 1)];
      if (c === undefined) return undefined;
      await exec(
        store,
        m.how === 'forge'
          ? sql`update audit_checkpoints set signature = ${Buffer.alloc(64, 7).toString('base64')} where sequence = ${c}`
          : sql`delete from audit_checkpoints where sequence = ${c}`,
      );
      return c;
    }
    case 'head':
      if (m.back === 0) {
        await exec(store, sql`update audit_chain_head set entry_hash = ${'e'.repeat(64)}`);
        return n;
      }
      if (m.back >= n) return undefined;
      await exec(store, sql`update audit_chain_head set sequence = ${n - m.back}`);
      return n - m.back + 1;
  }
}

describeEachEngine(
  'the audit log under any single random change (property)',
  (ctx) => {
    it('detects every change and names the first bad entry', async () => {
      const applied = new Set<string>();
      await fc.assert(
        fc.asyncProperty(logShape, mutation, async (shape, m) => {
          await reset(ctx.store);
          const checkpoints: number[] = [];
          let from = 0;
          for (const batch of shape) {
            await recordAudit(ctx.store, sampleAuditEntries(batch.entries, from));
            from += batch.entries;
            if (batch.checkpoint) {
              const cp = await signCheckpoint(ctx.store, hqKey, 'periodic');
              if (cp !== undefined) checkpoints.push(cp.sequence);
            }
          }
          expect((await verifyAuditLog(ctx.store, { hqPublicKeys: [hqKey.publicKey] })).ok).toBe(
            true,
          );
          const named = await mutate(ctx.store, m, checkpoints);
          if (named === undefined) return;
          applied.add(m.kind);
          const verified = await verifyAuditLog(ctx.store, {
            hqPublicKeys: [hqKey.publicKey],
            pageSize: 3,
          });
          expect(verified.ok, JSON.stringify(m)).toBe(false);
          if (!verified.ok && named !== null)
            expect(verified.error.sequence, JSON.stringify({ m, error: verified.error })).toBe(
              named,
            );
        }),
        {
          numRuns: Number(process.env['AUDIT_PROPERTY_RUNS'] ?? 60),
          // One of each kind first, so every kind of change is tried on every run of the suite.
          examples: EXAMPLES.map((m) => [EXAMPLE_LOG, m]),
        },
      );
      expect([...applied].sort()).toEqual([
        'checkpoint',
        'delete',
        'edit',
        'head',
        'insert',
        'renumber',
        'swap',
        'truncate',
      ]);
    });
  },
  { isolation: 'file' },
);
