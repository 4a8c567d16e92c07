import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandogh } from '../testing.js';
import { floor, FLOOR_NOW, type Floor } from './floorTesting.js';

describe('sandogh mobile', { timeout: 60_000 }, () => {
  let f: Floor;
  const at = new Date(FLOOR_NOW).toISOString();
  beforeAll(async () => {
    f = await floor('mobile');
  });
  afterAll(async () => {
    await f.close();
  });

  it('answers what the HQ route answers for the same instant: current stop and late stops', async () => {
    const [zone, all, text] = await Promise.all([
      sandogh(['mobile', '-d', f.database, '--zone-hq', 'zhq-1', '--at', at, '--json'], f.dir),
      sandogh(['mobile', '-d', f.database, '--at', at, '--json'], f.dir),
      sandogh(['mobile', '-d', f.database, '--at', at], f.dir),
    ]);
    for (const r of [zone, all, text]) expect(r.code, r.stderr).toBe(0);
    const zhq1 = await f.route('/zone-hqs/zhq-1/mobile');
    expect(JSON.parse(zone.stdout)).toEqual(zhq1);
    expect(JSON.parse(all.stdout)).toEqual({
      zones: [zhq1, await f.route('/zone-hqs/zhq-2/mobile')],
    });
    expect(zhq1).toMatchObject({
      branches: [
        {
          branchId: 'b-0004',
          late: ['b-0004-s2'],
          stops: [{ stopId: 'b-0004-s1', status: 'done', voters: 57 }, { status: 'late' }],
        },
      ],
    });
    expect(text.stdout).toContain('b-0004 (zhq-1): heading for b-0004-s2  ⚠ late for b-0004-s2');
    expect(text.stdout).toContain(
      'b-0008 (zhq-2): heading for b-0008-s1  ⚠ late for b-0008-s1, b-0008-s2',
    );
    expect(text.stdout).toMatch(
      / {2}b-0004-s1 {2}done \(10 min late\) {2}planned \S+ → \S+ {2}recorded \S+ → \S+ {2}voters 57/,
    );
    expect(text.stdout).toContain('2 mobile branch(es), 2 late / ۲ شعبهٔ سیار، ۲ با تاخیر');
  });

  it('refuses a bad instant or an unknown zone HQ with a catalogued error', async () => {
    const [noon, zone] = await Promise.all([
      sandogh(['mobile', '-d', f.database, '--at', 'noon'], f.dir),
      sandogh(['mobile', '-d', f.database, '--zone-hq', 'zhq-9'], f.dir),
    ]);
    expect([noon.code, zone.code]).toEqual([1, 1]);
    expect(noon.stderr).toContain('DATE_INVALID');
    expect(zone.stderr).toContain('DEVICE_STATUS_ZONE_UNKNOWN');
  });
});
