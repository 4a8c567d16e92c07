import { describe, expect, it } from 'vitest';
import { mkdtemp, rm, mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoManifest, runDemoElection } from './demoElection.js';
import { readRecord, writeRecord } from './recordFiles.js';
import { verifyRecord } from './verifier.js';
import { buildTrackingIndex, lookupTrackingCode } from './lookup.js';
import { shortTrackingCode } from './ballotFormat.js';
import { verifyInclusion } from './merkle.js';
import { failing } from './testSupport.js';

describe('election record on disk', () => {
  it('round-trips through a directory of JSON files and verifies from there', async () => {
    const manifest = demoManifest({ candidates: 3, seats: 2, branches: 2, n: 2, k: 2 });
    const demo = runDemoElection({
      manifest,
      cast: [
        { branchId: 'b1', choices: [0] },
        { branchId: 'b2', choices: [1, 2] },
      ],
      challenged: [{ branchId: 'b1', choices: [2] }],
    });
    const dir = await mkdtemp(join(tmpdir(), 'sandogh-record-'));
    try {
      await writeRecord(dir, demo.record);
      expect((await readdir(dir)).sort()).toEqual([
        'branches',
        'ceremony',
        'context.json',
        'decryption',
        'manifest.json',
        'record.json',
        'result.json',
      ]);
      const back = await readRecord(dir);
      expect(back).toEqual(JSON.parse(JSON.stringify(demo.record)));
      expect(failing(await verifyRecord(back, { workers: 0 }))).toEqual([]);
      // A branch directory that appears on disk is read even if record.json omits it.
      await mkdir(join(dir, 'branches', 'b9'));
      await writeFile(join(dir, 'branches', 'b9', 'cast.json'), '[]');
      const injected = await readRecord(dir);
      expect(injected.branches.map((b) => b.branchId)).toEqual(['b1', 'b2', 'b9']);
      expect(failing(await verifyRecord(injected, { workers: 0 }))).toEqual(['V5']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('tracking-code lookup', () => {
  it("finds a cast or challenged ballot by its full or short code, with a proof against the branch's signed root", () => {
    const manifest = demoManifest({ candidates: 3, seats: 2, branches: 2, n: 1, k: 1 });
    const demo = runDemoElection({
      manifest,
      cast: [
        { branchId: 'b1', choices: [0] },
        { branchId: 'b1', choices: [] },
        { branchId: 'b2', choices: [1] },
      ],
      challenged: [{ branchId: 'b2', choices: [2] }],
    });
    const index = buildTrackingIndex(demo.record);
    for (const code of demo.trackingCodes) {
      const hit = index.lookup(shortTrackingCode(code).toLowerCase());
      expect(hit?.status).toBe('cast');
      expect(hit?.trackingCode).toBe(code);
      if (!hit?.proof || !hit.root) throw new Error('missing proof');
      expect(verifyInclusion(code, hit.proof, hit.root)).toBe(true);
    }
    const challenged = demo.record.branches.find((b) => b.branchId === 'b2')?.challenged[0];
    if (!challenged) throw new Error('fixture');
    expect(
      lookupTrackingCode(demo.record, index.lookup(demo.trackingCodes[0] ?? '')?.trackingCode ?? '')
        ?.branchId,
    ).toBe('b1');
    expect(index.lookup('0000-0000-0000-0000')).toBeNull();
    expect(index.lookup('not a code')).toBeNull();
  });
});
