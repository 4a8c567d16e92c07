import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { auditCheckpointMessage, auditEntryHash, type AuditEntry } from '@sandogh/core';
import type { Store } from '../store.js';
import { describeEachEngine } from '../testing/engines.js';
import { recordAudit } from './append.js';
import { listCheckpoints, signCheckpoint } from './checkpoint.js';
import { ephemeralHqKey } from './hqKey.js';
import { auditDb, entryFromRow, rowFromEntry, type StoredAuditEntry } from './tables.js';
import { sampleAuditEntries, sampleAuditEntry } from './testSupport.js';
import { verifyAuditLog, type AuditBreachKind } from './verify.js';

const hqKey = ephemeralHqKey();
const trusted = { hqPublicKeys: [hqKey.publicKey] };

/**
 * 30 entries: 1–9 plain, 10 a checkpoint, 11–24 plain, 25 a checkpoint, 26–30 plain (the
 * unsigned tail).
 */
async function buildLog(store: Store): Promise<void> {
  await recordAudit(store, sampleAuditEntries(9));
  await signCheckpoint(store, hqKey, 'phase:opening');
  await recordAudit(store, sampleAuditEntries(14, 9));
  await signCheckpoint(store, hqKey, 'periodic');
  await recordAudit(store, sampleAuditEntries(5, 23));
}

async function entryAt(store: Store, sequence: number): Promise<StoredAuditEntry> {
  const row = await auditDb(store.db)
    .selectFrom('audit_log')
    .selectAll()
    .where('sequence', '=', sequence)
    .executeTakeFirstOrThrow();
  return entryFromRow(row);
}

/** Renumbers entries one at a time, in an order the primary key allows on both engines. */
async function shift(store: Store, from: number, by: number): Promise<void> {
  const rows = await auditDb(store.db)
    .selectFrom('audit_log')
    .select('sequence')
    .where('sequence', '>=', from)
    .orderBy('sequence', by > 0 ? 'desc' : 'asc')
    .execute();
  for (const { sequence } of rows)
    await sql`update audit_log set sequence = ${sequence + by} where sequence = ${sequence}`.execute(
      store.db,
    );
}

/** Rewrites every hash from `from` on, as an attacker who knows the format would. */
async function rechain(store: Store, from: number): Promise<void> {
  const db = auditDb(store.db);
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('sequence', '>=', from)
    .orderBy('sequence')
    .execute();
  let previous = (await entryAt(store, from - 1)).entryHash;
  for (const row of rows) {
    const entry = { ...entryFromRow(row), previousHash: previous };
    const entryHash = auditEntryHash(entry);
    await db
      .updateTable('audit_log')
      .set({ previous_hash: previous, entry_hash: entryHash })
      .where('sequence', '=', row.sequence)
      .execute();
    previous = entryHash;
  }
  await db.updateTable('audit_chain_head').set({ entry_hash: previous }).execute();
}

describeEachEngine('verifying the audit log against tampering done in the database', (ctx) => {
  beforeEach(async () => {
    await buildLog(ctx.store);
  });

  async function expectBreach(kind: AuditBreachKind, sequence: number, code: string) {
    const verified = await verifyAuditLog(ctx.store, trusted);
    expect(verified.ok).toBe(false);
    if (verified.ok) return;
    expect({ kind: verified.error.kind, sequence: verified.error.sequence }).toEqual({
      kind,
      sequence,
    });
    expect(verified.error.problem.code).toBe(code);
    expect(verified.error.problem.message.fa).toMatch(/[\u0600-\u06FF]/);
  }

  it('proves an untouched log intact: every entry, both checkpoints, the unsigned tail', async () => {
    const verified = await verifyAuditLog(ctx.store, trusted);
    expect(verified).toMatchObject({
      ok: true,
      value: { entries: 30, checkpoints: 2, unsignedEntries: 5, keysPinned: true },
    });
    expect(verified.ok && verified.value.lastCheckpoint?.sequence).toBe(25);
    const paged = await verifyAuditLog(ctx.store, { ...trusted, pageSize: 4 });
    expect(paged.ok).toBe(true);
  });

  it('names an edited entry', async () => {
    await sql`update audit_log set actor_id = 'someone-else' where sequence = 7`.execute(
      ctx.store.db,
    );
    await expectBreach('edited', 7, 'AUDIT_ENTRY_EDITED');
  });

  it('names an entry whose details were edited by one byte', async () => {
    await sql`update audit_log set details = replace(details, '6', '7') where sequence = 14`.execute(
      ctx.store.db,
    );
    await expectBreach('edited', 14, 'AUDIT_ENTRY_EDITED');
  });

  it('names a removed entry, whether the gap is left or closed by renumbering', async () => {
    await sql`delete from audit_log where sequence = 7`.execute(ctx.store.db);
    await expectBreach('removed', 7, 'AUDIT_ENTRY_REMOVED');
    await shift(ctx.store, 8, -1);
    await expectBreach('removed', 7, 'AUDIT_ENTRY_REMOVED');
  });

  it('names reordered entries (two sequence numbers swapped)', async () => {
    await sql`update audit_log set sequence = -1 where sequence = 7`.execute(ctx.store.db);
    await sql`update audit_log set sequence = 7 where sequence = 12`.execute(ctx.store.db);
    await sql`update audit_log set sequence = 12 where sequence = -1`.execute(ctx.store.db);
    await expectBreach('reordered', 7, 'AUDIT_ENTRY_REORDERED');
  });

  it('names an entry inserted in the middle, even one correctly chained to its predecessor', async () => {
    const before = await entryAt(ctx.store, 6);
    await shift(ctx.store, 7, 1);
    const forged: AuditEntry = {
      ...(await entryAt(ctx.store, 8)),
      sequence: 7,
      actorId: 'intruder',
      previousHash: before.entryHash,
    };
    await auditDb(ctx.store.db)
      .insertInto('audit_log')
      .values(rowFromEntry({ ...forged, entryHash: auditEntryHash(forged) }))
      .execute();
    await expectBreach('inserted', 7, 'AUDIT_ENTRY_INSERTED');
  });

  it('finds the tail cut past a checkpoint, even with the chain head moved back to match', async () => {
    const last = await entryAt(ctx.store, 19);
    await sql`delete from audit_log where sequence >= 20`.execute(ctx.store.db);
    await sql`update audit_chain_head set sequence = 19, entry_hash = ${last.entryHash}`.execute(
      ctx.store.db,
    );
    await expectBreach('truncated', 20, 'AUDIT_LOG_TRUNCATED');
  });

  it('finds the unsigned tail cut while the chain head still records it', async () => {
    await sql`delete from audit_log where sequence >= 28`.execute(ctx.store.db);
    await expectBreach('truncated', 28, 'AUDIT_LOG_TRUNCATED');
  });

  it('finds entries written past the chain head, or a head that names another hash', async () => {
    await sql`update audit_chain_head set sequence = 29`.execute(ctx.store.db);
    await expectBreach('head-mismatch', 30, 'AUDIT_HEAD_MISMATCH');
    await sql`update audit_chain_head set sequence = 30, entry_hash = ${'f'.repeat(64)}`.execute(
      ctx.store.db,
    );
    await expectBreach('head-mismatch', 30, 'AUDIT_HEAD_MISMATCH');
  });

  it('refuses a forged checkpoint signature', async () => {
    const forged = randomBytes(64).toString('base64');
    await sql`update audit_checkpoints set signature = ${forged} where sequence = 25`.execute(
      ctx.store.db,
    );
    await expectBreach('checkpoint-signature', 25, 'AUDIT_CHECKPOINT_SIGNATURE');
  });

  it('refuses a checkpoint re-signed with a key HQ does not own, once the HQ key is pinned', async () => {
    const intruder = ephemeralHqKey();
    const cp = await auditDb(ctx.store.db)
      .selectFrom('audit_checkpoints')
      .selectAll()
      .where('sequence', '=', 10)
      .executeTakeFirstOrThrow();
    const message = auditCheckpointMessage({
      sequence: 10,
      entryHash: cp.entry_hash,
      signedAt: cp.signed_at,
      reason: cp.reason,
      keyId: intruder.keyId,
    });
    const signature = Buffer.from(intruder.sign(new TextEncoder().encode(message))).toString(
      'base64',
    );
    await sql`update audit_checkpoints set key_id = ${intruder.keyId}, public_key = ${intruder.publicKey}, signature = ${signature} where sequence = 10`.execute(
      ctx.store.db,
    );
    await expectBreach('checkpoint-untrusted-key', 10, 'AUDIT_CHECKPOINT_UNTRUSTED_KEY');
    const unpinned = await verifyAuditLog(ctx.store);
    expect(unpinned).toMatchObject({ ok: true, value: { keysPinned: false } });
  });

  it('finds a checkpoint whose signed hash is no longer on a re-chained log', async () => {
    await sql`update audit_log set actor_id = 'someone-else' where sequence = 12`.execute(
      ctx.store.db,
    );
    await rechain(ctx.store, 12);
    await expectBreach('checkpoint-off-chain', 25, 'AUDIT_CHECKPOINT_OFF_CHAIN');
  });

  it('does not take a forged checkpoint past the end for proof of a cut tail', async () => {
    const forged = randomBytes(64).toString('base64');
    await sql`insert into audit_checkpoints (sequence, entry_hash, signed_at, reason, key_id, public_key, signature)
      select 99, entry_hash, signed_at, reason, key_id, public_key, ${forged} from audit_checkpoints where sequence = 25`.execute(
      ctx.store.db,
    );
    await expectBreach('checkpoint-signature', 99, 'AUDIT_CHECKPOINT_SIGNATURE');
  });

  it('finds a deleted checkpoint through the entry that announced it', async () => {
    await sql`delete from audit_checkpoints where sequence = 10`.execute(ctx.store.db);
    await expectBreach('checkpoint-missing', 10, 'AUDIT_CHECKPOINT_MISSING');
  });

  it('names the first of several bad entries', async () => {
    await sql`update audit_log set outcome = 'failed' where sequence in (4, 17)`.execute(
      ctx.store.db,
    );
    await sql`delete from audit_log where sequence = 21`.execute(ctx.store.db);
    await expectBreach('edited', 4, 'AUDIT_ENTRY_EDITED');
  });

  /** An insider holding the database and the HQ key re-signs checkpoint `sequence` to match. */
  async function resign(sequence: number): Promise<void> {
    const entry = await entryAt(ctx.store, sequence);
    const cp = await auditDb(ctx.store.db)
      .selectFrom('audit_checkpoints')
      .selectAll()
      .where('sequence', '=', sequence)
      .executeTakeFirstOrThrow();
    const message = auditCheckpointMessage({
      sequence,
      entryHash: entry.entryHash,
      signedAt: cp.signed_at,
      reason: cp.reason,
      keyId: hqKey.keyId,
    });
    const signature = Buffer.from(hqKey.sign(new TextEncoder().encode(message))).toString('base64');
    await sql`update audit_checkpoints set entry_hash = ${entry.entryHash}, signature = ${signature} where sequence = ${sequence}`.execute(
      ctx.store.db,
    );
  }

  it('catches, with checkpoints observers kept, a rewrite re-signed with the HQ key itself', async () => {
    const published = (await listCheckpoints(ctx.store)).checkpoints;
    await sql`update audit_log set actor_id = 'someone-else' where sequence = 12`.execute(
      ctx.store.db,
    );
    await rechain(ctx.store, 12);
    await resign(25);
    // The store agrees with itself again: only a copy kept outside can tell.
    expect((await verifyAuditLog(ctx.store, trusted)).ok).toBe(true);
    const verified = await verifyAuditLog(ctx.store, { ...trusted, witnessed: published });
    expect(verified.ok || verified.error).toMatchObject({
      kind: 'witness-mismatch',
      sequence: 25,
      problem: { code: 'AUDIT_WITNESS_MISMATCH' },
    });
  });

  it('catches, with checkpoints observers kept, a tail cut with its checkpoints and the head moved back', async () => {
    const published = (await listCheckpoints(ctx.store)).checkpoints;
    const last = await entryAt(ctx.store, 19);
    await sql`delete from audit_log where sequence >= 20`.execute(ctx.store.db);
    await sql`delete from audit_checkpoints where sequence >= 20`.execute(ctx.store.db);
    await sql`update audit_chain_head set sequence = 19, entry_hash = ${last.entryHash}`.execute(
      ctx.store.db,
    );
    expect((await verifyAuditLog(ctx.store, trusted)).ok).toBe(true);
    const verified = await verifyAuditLog(ctx.store, { ...trusted, witnessed: published });
    expect(verified.ok || verified.error).toMatchObject({ kind: 'truncated', sequence: 20 });
  });

  it('does not take a forged copy for a witness', async () => {
    const published = (await listCheckpoints(ctx.store)).checkpoints;
    const forged = published.map((cp) => ({ ...cp, entryHash: 'ff'.repeat(32) }));
    const verified = await verifyAuditLog(ctx.store, { ...trusted, witnessed: forged });
    expect(verified.ok || verified.error.kind).toBe('checkpoint-signature');
  });

  it('keeps verifying after more appends to a log that was intact', async () => {
    await recordAudit(ctx.store, [sampleAuditEntry(99)]);
    expect((await verifyAuditLog(ctx.store, trusted)).ok).toBe(true);
  });
});
