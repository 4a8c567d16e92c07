import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lotCommitmentOf, prettyCanonicalJson, sampleDefinition } from '@sandogh/core';
import { sandogh } from '../testing.js';

const lotVerify = new URL('../../../../scripts/lot-verify.mjs', import.meta.url).pathname;
const run = promisify(execFile);

const definition = sampleDefinition();
const codes = definition.candidates.map((c) => c.code);

/** A branch count where `a` and `b` lead and `c`, `d` tie for the last of the 3 seats. */
function count(branchId: string) {
  const votes = new Map(codes.map((code) => [code, 0]));
  const [a = '', b = '', c = '', d = ''] = codes;
  for (const [code, n] of [
    [a, 5],
    [b, 4],
    [c, 2],
    [d, 2],
  ] as const)
    votes.set(code, n);
  return {
    branchId,
    votes: [...votes].map(([code, n]) => ({ code, votes: n })),
    blankBallots: 1,
    ballotsCast: 6,
  };
}

describe('sandogh results, lot and rla', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-results-'));
    writeFileSync(join(dir, 'election.json'), prettyCanonicalJson(definition));
    writeFileSync(
      join(dir, 'counts.json'),
      JSON.stringify({ branchCounts: definition.branches.map((b) => count(b.id)) }),
    );
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the result, reports the tie, then settles it with a lot anyone can recompute', async () => {
    const args = [
      'results',
      'export',
      '--election',
      'election.json',
      '--counts',
      'counts.json',
      '--registered',
      '100',
      '--out-dir',
      'out',
    ];
    const tied = await sandogh(args, dir);
    expect(tied.code).toBe(0);
    expect(tied.stdout).toContain('tie at the last seat');
    for (const file of [
      'results.json',
      'results-nist-1500-100.json',
      'results.csv',
      'minutes.html',
    ])
      expect(existsSync(join(dir, 'out', file))).toBe(true);

    const [, , c = '', d = ''] = codes;
    const members = ['exec-1', 'sup-1'].map((memberId, i) => ({
      memberId,
      value: String(i + 1).repeat(64),
    }));
    writeFileSync(
      join(dir, 'session.json'),
      JSON.stringify({
        electionRecordHash: 'cd'.repeat(32),
        tied: [c, d],
        places: 1,
        commitments: members.map((m) => ({
          memberId: m.memberId,
          commitment: lotCommitmentOf(m.memberId, m.value),
        })),
        reveals: members,
      }),
    );
    const drawn = await sandogh(['lot', 'draw', 'session.json', '--out', 'lot.json'], dir);
    expect(drawn.code).toBe(0);
    expect((await sandogh(['lot', 'verify', 'lot.json'], dir)).code).toBe(0);
    const script = await run(process.execPath, [lotVerify, join(dir, 'lot.json')]);
    expect(JSON.parse(script.stdout)).toMatchObject({ ok: true });

    const settled = await sandogh([...args, '--lot', 'lot.json'], dir);
    expect(settled.code).toBe(0);
    expect(settled.stdout).toContain('winners / منتخبان');
    const minutes = readFileSync(join(dir, 'out', 'minutes.html'), 'utf8');
    expect(minutes).toContain('قرعهٔ وارسی‌پذیر');

    const forged = JSON.parse(readFileSync(join(dir, 'lot.json'), 'utf8')) as {
      reveals: { value: string }[];
    };
    const first = forged.reveals[0];
    if (first !== undefined) first.value = '9'.repeat(64);
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(forged));
    const refused = await sandogh(['lot', 'verify', 'forged.json'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('LOT_REVEAL_MISMATCH');
  });

  it('plans, samples and decides an audit from files', async () => {
    const reported = {
      ballotsCast: 1_000,
      votes: [
        { code: '101', votes: 700 },
        { code: '102', votes: 300 },
      ],
      winners: ['101'],
      maxSelections: 1,
    };
    writeFileSync(join(dir, 'reported.json'), JSON.stringify(reported));
    const manifest = [
      { branchId: 'b1', ballots: 600 },
      { branchId: 'b2', ballots: 400 },
    ];
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const plan = await sandogh(['rla', 'plan', '--risk-limit', '0.1', 'reported.json'], dir);
    expect(plan.stdout).toContain('101 over 102');
    const seed = '12345678901234567890';
    const sample = await sandogh(
      [
        'rla',
        'sample',
        '--seed',
        seed,
        '--manifest',
        'manifest.json',
        '--count',
        '40',
        '--out',
        'sample.json',
      ],
      dir,
    );
    expect(sample.code).toBe(0);
    const drawn = JSON.parse(readFileSync(join(dir, 'sample.json'), 'utf8')) as {
      sample: { branchId: string; position: number }[];
    };
    const papers = [
      ...new Map(drawn.sample.map((s) => [`${s.branchId}#${s.position}`, s])).values(),
    ];
    const entry = (by: string) =>
      papers.map(({ branchId, position }) => ({
        branchId,
        position,
        marks: ['101'],
        enteredBy: by,
      }));
    const audit = {
      riskLimit: 0.1,
      seed,
      reported,
      manifest,
      rounds: [40],
      entries: { first: entry('ali'), second: entry('sara') },
    };
    writeFileSync(join(dir, 'audit.json'), JSON.stringify(audit));
    const decided = await sandogh(['rla', 'round', 'audit.json'], dir);
    expect(decided.code).toBe(0);
    expect(decided.stdout).toContain('stop: the reported winners are confirmed');
    const half = { ...audit, entries: { first: entry('ali'), second: entry('sara').slice(1) } };
    writeFileSync(join(dir, 'half.json'), JSON.stringify(half));
    const incomplete = await sandogh(['rla', 'round', 'half.json'], dir);
    expect(incomplete.code).toBe(1);
    expect(incomplete.stderr).toContain('RLA_ENTRIES_INCOMPLETE');
  });
});
