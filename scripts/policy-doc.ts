// Rewrites the generated access-policy section of docs/SECURITY.md from the one policy table
// (packages/core/src/access/policy.ts); a test fails when the checked-in section is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { accessPolicy } from '../packages/core/src/access/policy.js';
import { renderPolicyDoc, replacePolicySection } from '../packages/core/src/access/policyDoc.js';

const file = new URL('../docs/SECURITY.md', import.meta.url);
const updated = replacePolicySection(readFileSync(file, 'utf8'), renderPolicyDoc(accessPolicy));
if (updated === undefined) {
  process.stderr.write('docs/SECURITY.md lacks the generated-section markers of policyDoc.ts\n');
  process.exitCode = 1;
} else {
  writeFileSync(file, updated);
}
