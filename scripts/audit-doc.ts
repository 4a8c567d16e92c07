// Rewrites the generated event table in docs/AUDIT.md from the one table of audit event kinds
// (packages/core/src/audit); the prose around it is kept as written.
// `node --import tsx scripts/audit-doc.ts`; a test fails when the checked-in file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { spliceAuditEventsDoc } from '../packages/core/src/audit/eventsDoc.js';

const file = new URL('../docs/AUDIT.md', import.meta.url);
writeFileSync(file, spliceAuditEventsDoc(readFileSync(file, 'utf8')));
