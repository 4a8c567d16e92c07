// Verification of a long audit log (issue 3: "stream through the log in pages so 10 million
// entries verify in bounded memory"): fills a fresh store with ENTRIES entries in batches of
// 1,000 with a checkpoint every 100,000, then times verifyAuditLog and samples the process's
// resident memory while it runs. The reference, in the same run, is a bare read of the same
// rows in the same pages (keyset SELECT by sequence), without hashing or checks.
//
//   ENTRIES=1000000 node --import tsx bench/audit/verify.ts
//
// Environment: ENTRIES (default 1,000,000), ENGINE (sqlite | postgres, default sqlite),
// SANDOGH_TEST_POSTGRES_URL.
import type { AuditEntryInput } from '@sandogh/core';
import { scratchStore } from '../scratchStore.js';
import { benchInstant, benchTrustee } from './entries.js';
import {
  auditDb,
  ephemeralHqKey,
  recordAudit,
  signCheckpoint,
  verifyAuditLog,
} from '@sandogh/store';

const ENTRIES = Number(process.env['ENTRIES'] ?? 1_000_000);
const ENGINE = process.env['ENGINE'] === 'postgres' ? 'postgres' : 'sqlite';

function entry(i: number): AuditEntryInput {
  return {
    action: 'access.refused',
    outcome: 'refused',
    reason: 'INPUT_INVALID',
    actor: benchTrustee(i),
    occurredAt: benchInstant(i),
    sourceAddress: '10.20.30.40',
    object: { type: 'branch', id: String(i % 2_874).padStart(4, '0') },
    details: { route: 'PUT /api/v1/branches/:branchId/opening' },
  };
}

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

const scratch = await scratchStore(ENGINE);
const { store } = scratch;
try {
  const key = ephemeralHqKey();
  let start = performance.now();
  for (let at = 0; at < ENTRIES; at += 1_000) {
    await recordAudit(
      store,
      Array.from({ length: Math.min(1_000, ENTRIES - at) }, (_, i) => entry(at + i)),
    );
    if ((at + 1_000) % 100_000 === 0) await signCheckpoint(store, key, 'periodic');
  }
  const fillMs = performance.now() - start;

  start = performance.now();
  let after = 0;
  let read = 0;
  for (;;) {
    const rows = await auditDb(store.db)
      .selectFrom('audit_log')
      .selectAll()
      .where('sequence', '>', after)
      .orderBy('sequence')
      .limit(5_000)
      .execute();
    read += rows.length;
    const last = rows.at(-1);
    if (last === undefined) break;
    after = last.sequence;
  }
  const readMs = performance.now() - start;

  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  start = performance.now();
  const verified = await verifyAuditLog(store, { hqPublicKeys: [key.publicKey] });
  const verifyMs = performance.now() - start;
  clearInterval(sampler);
  if (!verified.ok) throw new Error(`verification failed: ${JSON.stringify(verified.error)}`);

  console.log(
    `engine ${ENGINE}, ${verified.value.entries.toLocaleString('en-US')} entries, ${verified.value.checkpoints} checkpoints`,
  );
  console.log(
    `fill (batches of 1,000): ${(fillMs / 1000).toFixed(1)} s, ${Math.round((ENTRIES * 1000) / fillMs).toLocaleString('en-US')} entries/s`,
  );
  console.log(
    `bare paged read: ${(readMs / 1000).toFixed(1)} s (${read.toLocaleString('en-US')} rows), ${Math.round((read * 1000) / readMs).toLocaleString('en-US')} rows/s`,
  );
  console.log(
    `verifyAuditLog: ${(verifyMs / 1000).toFixed(1)} s, ${Math.round((ENTRIES * 1000) / verifyMs).toLocaleString('en-US')} entries/s; read / verify ${(readMs / verifyMs).toFixed(2)}`,
  );
  console.log(
    `resident memory: ${mib(before)} MiB before, peak ${mib(peak)} MiB during (+${mib(peak - before)} MiB)`,
  );
} finally {
  await scratch.dispose();
}
