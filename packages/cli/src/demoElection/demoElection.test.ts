import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_BRANCHES } from '@sandogh/demo';
import { sandogh } from '../testing.js';
import type { DemoElectionSummary } from './run.js';

/**
 * The README's main job at small scale (issue 7): the demo on its minimum geography, the
 * ceremony among its supervisory board, voters checked in at the HQ's poll book and voting
 * through real station processes, closing, decryption, the verifier and the result; then a
 * second start that finds the election done and does not vote again.
 */
describe('npm start: the demo election, end to end', { timeout: 600_000 }, () => {
  let dir: string;
  let first: { code: number; stdout: string; stderr: string };
  const demo = () => join(dir, 'demo');
  const database = () => join(dir, 'sandogh.sqlite');
  const port = String(20_000 + Math.floor(Math.random() * 20_000));
  const serve = () =>
    sandogh(
      [
        'demo-serve',
        '--dir',
        demo(),
        '--database',
        database(),
        '--port',
        '0',
        '--election-voters',
        '30',
        '--election-branches',
        '3',
        '--station-port',
        port,
        '--exit-after-election',
      ],
      dir,
    );
  const countAtHq = (table: 'ballots' | 'result_versions') => {
    const db = new Database(database(), { readonly: true });
    try {
      return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const ballotsAtHq = () => countAtHq('ballots');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-main-job-'));
    const made = await sandogh(
      ['demo', '--out', demo(), '--branches', String(MIN_BRANCHES), '--voters', '2000'],
      dir,
    );
    expect(made.code, made.stderr).toBe(0);
    first = await serve();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('votes through the stations, decrypts, verifies and reconciles, and says so in both languages', () => {
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain('RECORD VERIFIED ✔ / پرونده تأیید شد');
    expect(first.stdout).toContain(
      "= the voters' plain count / نتیجهٔ رمزگشایی‌شده = شمارش ساده: yes / بله",
    );
    const summary = JSON.parse(
      readFileSync(join(demo(), 'election', 'summary.json'), 'utf8'),
    ) as DemoElectionSummary;
    expect(summary).toMatchObject({ verified: true, matchesPlainCount: true, flagged: [] });
    expect(summary.branches).toHaveLength(3);
    expect(summary.checkedIn).toBe(30);
    expect(summary.cast + summary.abandoned).toBe(summary.checkedIn);
    // A voter left the device without casting, and HQ's reconciliation agreed (no flag above).
    expect(summary.abandoned).toBeGreaterThanOrEqual(1);
    expect(ballotsAtHq()).toBe(summary.cast);
    // The HQ publishes the result as version 1 of its chain (GET /api/v1/public/results).
    expect(countAtHq('result_versions')).toBe(1);
    for (const file of Object.values(summary.files)) expect(existsSync(file), file).toBe(true);
    const nist = JSON.parse(readFileSync(summary.files['nist'] ?? '', 'utf8')) as {
      '@type': string;
    };
    expect(nist['@type']).toBe('ElectionResults.ElectionReport');
    expect(readFileSync(summary.files['minutes'] ?? '', 'utf8')).toContain('صورتجلسه');
  });

  it('does not run the election again on the next start', async () => {
    const before = readFileSync(join(demo(), 'election', 'summary.json'), 'utf8');
    const cast = ballotsAtHq();
    const again = await serve();
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain('not run again');
    expect(again.stdout).toContain('RECORD VERIFIED');
    expect(readFileSync(join(demo(), 'election', 'summary.json'), 'utf8')).toBe(before);
    expect(ballotsAtHq()).toBe(cast);
    expect(countAtHq('result_versions')).toBe(1);
  });
});
