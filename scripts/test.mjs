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

/** One vitest run, its tests added to the count (a file failing outside its tests counts as one). */
function vitest(label, args, env = {}) {
  const report = join(dir, `${label.replace(/\W+/g, '-')}.json`);
  const started = Date.now();
  process.stdout.write(`\n▶ ${label}\n`);
  const result = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...args,
    ],
    { stdio: 'inherit', env: { ...process.env, ...env } },
  );
  const ok = result.status === 0;
  process.stdout.write(
    `${ok ? '✔' : '✘'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
  );
  try {
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    passed += summary.numPassedTests;
    let failures = summary.numFailedTests;
    failures += summary.testResults.filter(
      (file) =>
        file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed'),
    ).length;
    if (!ok && failures === 0) failures += 1;
    failed += failures;
  } catch {
    failed += 1;
  }
}

vitest('vitest', extra);
if (extra.length === 0) {
  // Issue 5's chaos test at its full count (docs/STATION.md §6): 1,000 casts per engine with the
  // station killed, HQ restarted and the network cut. The suite above runs it at 50 casts.
  vitest('chaos at 1,000 casts', ['packages/hq/src/ballots/chaos.test.ts'], {
    SANDOGH_CHAOS_CASTS: '1000',
  });
}
rmSync(dir, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
