// Test support: a separate process appending to the same audit log, as the CLI beside the HQ
// server does. `node --import tsx appendProcess.ts URL SCHEMA|- BATCHES FROM`
import { openStore } from '../store.js';
import { recordAudit } from './append.js';
import { sampleAuditEntries } from './testSupport.js';

const [url, schema, batches, from] = process.argv.slice(2);
if (url === undefined || schema === undefined) throw new Error('usage: URL SCHEMA|- BATCHES FROM');
const store = await openStore(url, {
  migrate: false,
  ...(schema === '-' ? {} : { schema, poolSize: 2 }),
});
try {
  const start = Number(from ?? 0);
  await Promise.all(
    Array.from({ length: Number(batches ?? 1) }, (_, i) =>
      recordAudit(store, sampleAuditEntries(1 + (i % 4), start + i * 10)),
    ),
  );
} finally {
  await store.close();
}
