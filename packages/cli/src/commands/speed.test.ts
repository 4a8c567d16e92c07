import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandogh } from '../testing.js';
import { floor, type Floor } from './floorTesting.js';

describe('sandogh speed', { timeout: 60_000 }, () => {
  let f: Floor;
  beforeAll(async () => {
    f = await floor('speed');
  });
  afterAll(async () => {
    await f.close();
  });

  it('answers what the HQ routes answer: per branch slowest first, with over-target alerts', async () => {
    const [zone, all, text] = await Promise.all([
      sandogh(
        ['speed', '-d', f.database, '--zone-hq', 'zhq-1', '--target-seconds', '80', '--json'],
        f.dir,
      ),
      sandogh(['speed', '-d', f.database, '--json'], f.dir),
      sandogh(['speed', '-d', f.database, '--zone-hq', 'zhq-1', '--target-seconds', '80'], f.dir),
    ]);
    for (const r of [zone, all, text]) expect(r.code, r.stderr).toBe(0);
    const zhq1 = await f.route('/zone-hqs/zhq-1/speed?targetSeconds=80');
    expect(JSON.parse(zone.stdout)).toEqual(zhq1);
    expect(JSON.parse(all.stdout)).toEqual(await f.route('/speed'));
    expect(zhq1).toMatchObject({
      alerts: ['b-0001'],
      branches: [{ branchId: 'b-0001' }, {}, {}, {}],
    });
    const lines = text.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual([
      'b-0001',
      'b-0002',
      'b-0003',
      'b-0004',
      'zhq-1:',
    ]);
    expect(lines[0]).toMatch(
      /^b-0001 \(zhq-1\): median [\d.]+ s, p95 [\d.]+ s, 27 voter\(s\), queue 35 at \S+ {2}⚠ over the 80 s target$/,
    );
    expect(lines[2]).toBe('b-0003 (zhq-1): median –, p95 –, 0 voter(s)');
    expect(lines[4]).toContain('1 branch(es) over target / ۱ شعبه بیش از هدف');
  });

  it('refuses a bad target or an unknown zone HQ with a catalogued error, exit 1', async () => {
    const runs = await Promise.all(
      [
        ['--target-seconds', '2'],
        ['--target-seconds', '1e3'],
        ['--target-seconds', 'fast'],
        ['--zone-hq', 'zhq-9'],
      ].map((flags) => sandogh(['speed', '-d', f.database, ...flags], f.dir)),
    );
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1, 1]);
    expect(runs.map((r) => /CLI_USAGE|DEVICE_STATUS_ZONE_UNKNOWN/.exec(r.stderr)?.[0])).toEqual([
      'CLI_USAGE',
      'CLI_USAGE',
      'CLI_USAGE',
      'DEVICE_STATUS_ZONE_UNKNOWN',
    ]);
    expect(runs.map((r) => r.stdout).join('')).toBe('');
  });
});
