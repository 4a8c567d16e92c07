#!/usr/bin/env node
// Runs every check the project has and ends with one line CI reads: "N passed, N failed".
// Static checks (types, lint, format) count as one test each; the rest is vitest's count.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;

function run(label, command, args) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${label}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  process.stdout.write(`${ok ? '✔' : '✘'} ${label} (${seconds} s)\n`);
  return ok;
}

if (extra.length === 0) {
  for (const [label, args] of [
    ['typecheck', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
    // The web app's own project: JSX and the DOM (docs/WEB.md).
    ['typecheck web', ['tsc', '-p', 'packages/web/tsconfig.json', '--noEmit']],
    ['lint', ['eslint', '.', '--max-warnings=0']],
    ['format', ['prettier', '--check', '.', '--log-level=warn']],
  ]) {
    if (run(label, 'npx', args)) passed += 1;
    else failed += 1;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'sandogh-test-'));
const report = join(dir, 'vitest.json');
const vitestOk = run('vitest', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
]);
try {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  passed += summary.numPassedTests;
  failed += summary.numFailedTests;
  // A file that failed outside its tests (a hook, an import, an unreachable database) counts as
  // one failure even when none of its tests is marked failed.
  failed += summary.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed'),
  ).length;
  if (!vitestOk && failed === 0) failed += 1;
} catch {
  failed += 1;
}
rmSync(dir, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
