import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandogh } from '../testing.js';
import { floor, type Floor } from './floorTesting.js';

describe('sandogh staffing', { timeout: 60_000 }, () => {
  let f: Floor;
  beforeAll(async () => {
    f = await floor('staffing');
  });
  afterAll(async () => {
    await f.close();
  });

  it('answers what the HQ routes answer: a zone HQ’s flagged branches and a branch’s people', async () => {
    const [zone, branch, all, text] = await Promise.all([
      sandogh(['staffing', '-d', f.database, '--zone-hq', 'zhq-1', '--json'], f.dir),
      sandogh(['staffing', '-d', f.database, '--branch', 'b-0001', '--json'], f.dir),
      sandogh(['staffing', '-d', f.database, '--json'], f.dir),
      sandogh(['staffing', '-d', f.database, '--branch', 'b-0001'], f.dir),
    ]);
    for (const r of [zone, branch, all, text]) expect(r.code, r.stderr).toBe(0);
    const zhq1 = await f.route('/zone-hqs/zhq-1/staffing');
    expect(JSON.parse(zone.stdout)).toEqual(zhq1);
    expect(JSON.parse(branch.stdout)).toEqual(await f.route('/branches/b-0001/staffing'));
    expect(JSON.parse(all.stdout)).toEqual({
      zones: [zhq1, await f.route('/zone-hqs/zhq-2/staffing')],
    });
    expect(zhq1).toMatchObject({
      branches: 4,
      ready: 0,
      flagged: [{ branchId: 'b-0001', gaps: ['chair-absent', 'trustee-quorum'] }, {}, {}, {}],
    });
    expect(text.stdout).toContain(
      'b-0001: ✘ not ready (chair-absent, trustee-quorum), 2 present, 2 absent, 2 not recorded',
    );
    expect(text.stdout).toMatch(/ {2}b-0001-t1 {2}branch-trustee\/chair {2}left {2}\S+/);
  });

  it('prints one line per flagged branch, and refuses bad flags with a catalogued error', async () => {
    const [zone, both, branch, zoneHq] = await Promise.all([
      sandogh(['staffing', '-d', f.database, '--zone-hq', 'zhq-2'], f.dir),
      sandogh(['staffing', '-d', f.database, '--zone-hq', 'zhq-1', '--branch', 'b-0001'], f.dir),
      sandogh(['staffing', '-d', f.database, '--branch', 'b-9999'], f.dir),
      sandogh(['staffing', '-d', f.database, '--zone-hq', 'zhq-9'], f.dir),
    ]);
    expect(zone.code, zone.stderr).toBe(0);
    expect(zone.stdout).toContain('zhq-2: 0/4 branches ready, 4 flagged');
    expect(zone.stdout).toContain(
      '  ✘ b-0006: chair-absent, device-operator-absent, trustee-quorum (5 not recorded)',
    );
    expect(zone.stdout).toContain('4 branch(es) flagged / ۴ شعبهٔ نیازمند پیگیری');
    expect([both.code, branch.code, zoneHq.code]).toEqual([1, 1, 1]);
    expect(both.stderr).toContain('CLI_USAGE');
    expect(branch.stderr).toContain('BRANCH_NOT_FOUND');
    expect(zoneHq.stderr).toContain('DEVICE_STATUS_ZONE_UNKNOWN');
    expect(both.stdout + branch.stdout + zoneHq.stdout).toBe('');
  });
});
