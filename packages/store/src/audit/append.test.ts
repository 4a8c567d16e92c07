import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { AUDIT_GENESIS_HASH, AuditEntryError, auditEntryHash } from '@sandogh/core';
import { openStore, type Store } from '../store.js';
import { describeEachEngine, testPostgresUrl } from '../testing/engines.js';
import { appendAudit, readChainHead, recordAudit } from './append.js';
import { signCheckpoint } from './checkpoint.js';
import { ephemeralHqKey } from './hqKey.js';
import { auditDb, entryFromRow } from './tables.js';
import { sampleAuditEntries, sampleAuditEntry } from './testSupport.js';
import { verifyAuditLog } from './verify.js';

async function allEntries(store: Store) {
  const rows = await auditDb(store.db)
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('sequence')
    .execute();
  return rows.map(entryFromRow);
}

async function expectLinear(store: Store, total: number): Promise<void> {
  const entries = await allEntries(store);
  expect(entries).toHaveLength(total);
  expect(entries.map((e) => e.sequence)).toEqual(entries.map((_, i) => i + 1));
  expect((await verifyAuditLog(store)).ok).toBe(true);
}

const appendProcess = new URL('./appendProcess.ts', import.meta.url).pathname;
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const run = promisify(execFile);

/** A second connection pool on the same database, as a second HQ process would have. */
async function sameDatabase(store: Store): Promise<Store> {
  return store.engine === 'sqlite'
    ? openStore(`sqlite:${store.display}`, { migrate: false })
    : openStore(testPostgresUrl(), {
        schema: store.schema ?? 'public',
        migrate: false,
        poolSize: 4,
      });
}

describeEachEngine('appending to the audit log', (ctx) => {
  it('starts empty, and an empty log verifies', async () => {
    // Migration 0002 writes the genesis head; the PostgreSQL harness empties every table
    // between tests, head included, which the next append rebuilds.
    const head = await readChainHead(auditDb(ctx.store.db));
    expect(head ?? { sequence: 0, entryHash: AUDIT_GENESIS_HASH }).toEqual({
      sequence: 0,
      entryHash: AUDIT_GENESIS_HASH,
    });
    const verified = await verifyAuditLog(ctx.store);
    expect(verified.ok && verified.value.entries).toBe(0);
  });

  it('numbers entries 1, 2, 3 … and chains each to the hash of the one before', async () => {
    const first = await recordAudit(ctx.store, sampleAuditEntries(3));
    const second = await recordAudit(ctx.store, sampleAuditEntries(4, 3));
    expect(first?.first).toBe(1);
    expect(second?.first).toBe(4);
    const entries = await allEntries(ctx.store);
    expect(entries.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    let previous = AUDIT_GENESIS_HASH;
    for (const entry of entries) {
      expect(entry.previousHash).toBe(previous);
      expect(auditEntryHash(entry)).toBe(entry.entryHash);
      previous = entry.entryHash;
    }
    expect(await readChainHead(auditDb(ctx.store.db))).toEqual({
      sequence: 7,
      entryHash: previous,
    });
    const verified = await verifyAuditLog(ctx.store);
    expect(verified).toMatchObject({ ok: true, value: { entries: 7, checkpoints: 0 } });
  });

  it('commits with the caller’s transaction, or not at all', async () => {
    await recordAudit(ctx.store, sampleAuditEntries(2));
    await expect(
      ctx.store.transaction(async (trx) => {
        await appendAudit(trx, sampleAuditEntries(5, 2));
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await allEntries(ctx.store)).toHaveLength(2);
    await ctx.store.transaction((trx) => appendAudit(trx, sampleAuditEntries(1, 2)));
    expect((await verifyAuditLog(ctx.store)).ok).toBe(true);
  });

  it('writes a large batch with one head update and verifies it', async () => {
    const appended = await recordAudit(ctx.store, sampleAuditEntries(2_500));
    expect(appended?.head.sequence).toBe(2_500);
    const verified = await verifyAuditLog(ctx.store, { pageSize: 700 });
    expect(verified).toMatchObject({ ok: true, value: { entries: 2_500 } });
  });

  it('keeps one linear chain under 20 concurrent batches', async () => {
    // PostgreSQL: half of them through a second connection pool, as a second HQ process has.
    const other = ctx.engine === 'postgres' ? await sameDatabase(ctx.store) : ctx.store;
    try {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          recordAudit(i % 2 === 0 ? ctx.store : other, sampleAuditEntries(1 + (i % 7), i * 10)),
        ),
      );
      const total = results.reduce((n, r) => n + (r?.entries.length ?? 0), 0);
      expect(new Set(results.map((r) => r?.first)).size).toBe(20);
      await expectLinear(ctx.store, total);
    } finally {
      if (other !== ctx.store) await other.close();
    }
  });

  it('keeps one linear chain while two other processes append to the same store', async () => {
    const url = ctx.engine === 'sqlite' ? `sqlite:${ctx.store.display}` : testPostgresUrl();
    const schema = ctx.store.schema ?? '-';
    const worker = (from: number) =>
      run(process.execPath, ['--import', tsx, appendProcess, url, schema, '8', String(from)]);
    await Promise.all([
      worker(1_000),
      worker(2_000),
      ...Array.from({ length: 8 }, (_, i) => recordAudit(ctx.store, sampleAuditEntries(2, i * 10))),
    ]);
    // Each process wrote 8 batches of 1–4 entries (1+2+3+4+1+2+3+4 = 20), this one 8 × 2.
    await expectLinear(ctx.store, 20 + 20 + 16);
  });

  it('refuses entries that break the event table’s rules, and writes nothing', async () => {
    const staff = { kind: 'staff', id: 'hq-1', role: 'hq-staff' } as const;
    const bad = [
      { action: 'access.refused', outcome: 'succeeded', actor: staff },
      { action: 'access.refused', outcome: 'refused', actor: staff },
      { action: 'access.refused', outcome: 'refused', reason: 'NOT_A_CODE', actor: staff },
      { action: 'no.such.event', outcome: 'succeeded', actor: staff },
      {
        action: 'access.login.failed',
        outcome: 'refused',
        reason: 'INPUT_INVALID',
        actor: { kind: 'anonymous', id: 'typed-name' },
      },
      { action: 'access.login.succeeded', outcome: 'succeeded', actor: { kind: 'staff' } },
      {
        action: 'access.login.succeeded',
        outcome: 'succeeded',
        actor: staff,
        details: { password: 'x' },
      },
      {
        action: 'access.login.succeeded',
        outcome: 'succeeded',
        actor: staff,
        details: { sessionId: 'x' },
      },
      {
        action: 'access.login.succeeded',
        outcome: 'succeeded',
        actor: staff,
        details: { who: '0012345679' },
      },
      {
        action: 'access.login.succeeded',
        outcome: 'succeeded',
        actor: staff,
        details: { big: 'x'.repeat(5_000) },
      },
      {
        action: 'access.login.succeeded',
        outcome: 'succeeded',
        actor: staff,
        occurredAt: '2024-05-10 08:00',
      },
    ];
    for (const entry of bad)
      await expect(
        recordAudit(ctx.store, [sampleAuditEntry(0), entry as never]),
        JSON.stringify(entry),
      ).rejects.toBeInstanceOf(AuditEntryError);
    expect(await allEntries(ctx.store)).toHaveLength(0);
  });

  it('rebuilds a missing chain head from the last entry', async () => {
    await recordAudit(ctx.store, sampleAuditEntries(3));
    await sql`delete from audit_chain_head`.execute(ctx.store.db);
    await recordAudit(ctx.store, sampleAuditEntries(2, 3));
    expect((await allEntries(ctx.store)).map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect((await verifyAuditLog(ctx.store)).ok).toBe(true);
  });

  it('signs checkpoints on the record, and the timer’s skip nothing new', async () => {
    const key = ephemeralHqKey();
    await recordAudit(ctx.store, sampleAuditEntries(4));
    const cp = await signCheckpoint(ctx.store, key, 'phase:opening');
    expect(cp).toMatchObject({ sequence: 5, reason: 'phase:opening', keyId: key.keyId });
    expect(
      await signCheckpoint(ctx.store, key, 'periodic', { onlyIfChanged: true }),
    ).toBeUndefined();
    await recordAudit(ctx.store, sampleAuditEntries(1, 4));
    expect(await signCheckpoint(ctx.store, key, 'periodic', { onlyIfChanged: true })).toMatchObject(
      {
        sequence: 7,
      },
    );
    const entries = await allEntries(ctx.store);
    expect(entries[4]).toMatchObject({ action: 'audit.checkpoint.signed', actorKind: 'system' });
    expect(JSON.parse(entries[4]?.details ?? '{}')).toEqual({
      keyId: key.keyId,
      reason: 'phase:opening',
    });
    const verified = await verifyAuditLog(ctx.store, { hqPublicKeys: [key.publicKey] });
    expect(verified).toMatchObject({
      ok: true,
      value: {
        entries: 7,
        checkpoints: 2,
        unsignedEntries: 0,
        keysPinned: true,
        keyIds: [key.keyId],
      },
    });
  });
});
