import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { validateDefinition, type ElectionDefinition } from '@sandogh/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoDeviceKey } from './devices.js';
import { generateDemo, generateDemoElection, type DemoElection } from './election.js';

const sha256 = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');
const minutes = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));

describe('the full Tehran demo (2,874 branches)', () => {
  let demo: DemoElection;
  let d: ElectionDefinition;
  beforeAll(() => {
    demo = generateDemo();
    d = demo.definition;
  });

  it('passes validateDefinition with zero problems, after a round trip through JSON', () => {
    const result = validateDefinition(JSON.parse(JSON.stringify(d)));
    expect(result.ok ? [] : result.error).toEqual([]);
  });

  it('is the runoff of the 12th Majlis election on 21 Ordibehesht 1403 in Tehran', () => {
    expect(d.election).toMatchObject({
      kind: 'majlis',
      term: 12,
      round: 2,
      votingDay: '2024-05-10',
      timeZone: 'Asia/Tehran',
      hours: { opens: '08:00', closes: '18:00', ministryExtensionLimitMinutes: 180 },
      minimumAge: 18,
    });
    expect(d.constituency.counties.map((c) => c.id)).toEqual([
      'tehran',
      'rey',
      'shemiranat',
      'eslamshahr',
      'pardis',
    ]);
    expect(d.constituency.seats).toBe(16);
    expect(d.contest).toMatchObject({ maxSelections: 16, candidateCodeLength: 4 });
  });

  it('has 32 candidates: exactly the top 32 non-winners of round 1, with photos', () => {
    const round1 = d.round1;
    if (round1 === undefined) throw new Error('round 1 missing');
    const ranked = [...round1.candidates].sort((a, b) => b.votes - a.votes);
    const winners = ranked.filter((c) => 5 * c.votes >= round1.validBallots);
    expect(winners).toHaveLength(14);
    const expected = ranked
      .slice(14, 46)
      .map((c) => c.code)
      .sort();
    expect(d.candidates.map((c) => c.code)).toEqual(expected);
    for (const c of d.candidates) expect(c.photo).toBe(`photos/${c.code}.svg`);
  });

  it('has 18 zone HQs, 20 zones, 2,874 branches of which 311 mobile', () => {
    expect(d.zoneHqs).toHaveLength(18);
    expect(d.zones).toHaveLength(20);
    expect(d.branches).toHaveLength(2_874);
    expect(d.branches.filter((b) => b.kind === 'mobile')).toHaveLength(311);
    expect(d.zoneHqs[0]?.name.fa).toBe('ستاد منطقه ۱');
    for (const id of ['rey', 'shemiranat', 'eslamshahr', 'pardis']) {
      expect(d.zoneHqs.filter((h) => h.countyId === id)).toHaveLength(1);
      expect(d.zones.filter((z) => z.countyId === id)).toHaveLength(1);
    }
    for (const h of d.zoneHqs) expect(d.branches.some((b) => b.zoneHqId === h.id)).toBe(true);
    for (const z of d.zones) expect(d.branches.some((b) => b.zoneId === z.id)).toBe(true);
  });

  it('codes branches 0001…2874 and plans for about 7 million voters', () => {
    expect(d.branches.map((b) => b.id)).toEqual(
      Array.from({ length: 2_874 }, (_, i) => String(i + 1).padStart(4, '0')),
    );
    const voters = d.branches.reduce((s, b) => s + b.expectedVoters, 0);
    expect(voters).toBeGreaterThan(6_500_000);
    expect(voters).toBeLessThan(7_700_000);
  });

  it('sends mobile branches on 2–5 stops in time order within 08:00–18:00', () => {
    for (const b of d.branches.filter((x) => x.kind === 'mobile')) {
      expect(b.itinerary.length).toBeGreaterThanOrEqual(2);
      expect(b.itinerary.length).toBeLessThanOrEqual(5);
      let previous = minutes('08:00');
      for (const stop of b.itinerary) {
        expect(minutes(stop.arrive)).toBeGreaterThanOrEqual(previous);
        expect(minutes(stop.depart)).toBeGreaterThan(minutes(stop.arrive));
        previous = minutes(stop.depart);
      }
      expect(previous).toBeLessThanOrEqual(minutes('18:00'));
    }
  });

  it('gives each branch one authentication and one voting device, and each zone HQ about 5% spares', () => {
    const spares = d.devices.filter((v) => v.kind === 'spare');
    expect(d.devices.length - spares.length).toBe(2 * 2_874);
    for (const s of spares) expect(s.branchId).toBeNull();
    expect(spares.length / (2 * 2_874)).toBeGreaterThan(0.05);
    expect(spares.length / (2 * 2_874)).toBeLessThan(0.06);
    expect(d.devices[0]).toMatchObject({
      serial: 'AUTH-0001',
      kind: 'authentication',
      branchId: '0001',
    });
    expect(spares[0]?.serial).toBe('SPARE-01-001');
  });

  it('keeps private keys out of the definition, and each private key matches its public key', () => {
    const text = JSON.stringify(d);
    expect(text).not.toContain('privateKeySeed');
    expect(demo.deviceKeys).toHaveLength(d.devices.length);
    for (const key of demo.deviceKeys.filter((_, i) => i % 500 === 0)) {
      expect(text).not.toContain(key.privateKeySeed);
      expect(signsFor(key)).toBe(true);
      expect(d.devices.find((v) => v.serial === key.serial)?.publicKey).toBe(key.publicKey);
    }
  });

  it('staffs every branch: 5 trustees with one chair and one device operator, a governor’s representative and an observer', () => {
    const byBranch = new Map<
      string,
      { trustees: number; chairs: number; operators: number; reps: number; observers: number }
    >();
    for (const p of d.staff) {
      if (p.scope.kind !== 'branches' || p.role === 'inspector') continue;
      const id = p.scope.branchIds[0] ?? '';
      const t = byBranch.get(id) ?? { trustees: 0, chairs: 0, operators: 0, reps: 0, observers: 0 };
      if (p.role === 'branch-trustee') t.trustees += 1;
      if (p.trusteeRole === 'chair') t.chairs += 1;
      if (p.deviceOperator === true) t.operators += 1;
      if (p.role === 'governor-representative') t.reps += 1;
      if (p.role === 'observer') t.observers += 1;
      byBranch.set(id, t);
    }
    expect(byBranch.size).toBe(2_874);
    for (const t of byBranch.values())
      expect(t).toEqual({ trustees: 5, chairs: 1, operators: 1, reps: 1, observers: 1 });
  });

  it('has an inspector for every five branches, and the boards at the constituency', () => {
    const inspected = d.staff
      .filter((p) => p.role === 'inspector')
      .flatMap((p) => (p.scope.kind === 'branches' ? p.scope.branchIds : []));
    expect(new Set(inspected).size).toBe(2_874);
    expect(inspected).toHaveLength(2_874);
    const count = (role: string): number => d.staff.filter((p) => p.role === role).length;
    expect(count('executive-board')).toBe(7);
    expect(count('supervisory-board')).toBe(5);
    expect(count('hq-staff')).toBeGreaterThan(0);
    for (const role of ['zone-hq-staff', 'it-committee', 'support-committee']) {
      for (const h of d.zoneHqs) {
        expect(
          d.staff.some(
            (p) => p.role === role && p.scope.kind === 'zoneHq' && p.scope.zoneHqId === h.id,
          ),
        ).toBe(true);
      }
    }
    for (const p of d.staff) expect(p.id).toMatch(/^S[0-9a-f]{12}$/);
  });
});

describe('a scaled-down demo', () => {
  it('keeps the proportions: 60 branches, 6 or 7 of them mobile, and still validates', () => {
    const d = generateDemoElection({ branches: 60 });
    expect(d.branches).toHaveLength(60);
    expect(d.branches.filter((b) => b.kind === 'mobile')).toHaveLength(6);
    expect(d.zoneHqs).toHaveLength(18);
    expect(d.zones).toHaveLength(20);
    const result = validateDefinition(d);
    expect(result.ok ? [] : result.error).toEqual([]);
  });

  it('takes the options: mobile branches and code length', () => {
    const d = generateDemoElection({ branches: 25, mobileBranches: 10, candidateCodeLength: 5 });
    expect(d.branches.filter((b) => b.kind === 'mobile')).toHaveLength(10);
    for (const c of d.candidates) expect(c.code).toHaveLength(5);
    expect(validateDefinition(d).ok).toBe(true);
  });

  it('refuses fewer branches than zones', () => {
    expect(() => generateDemoElection({ branches: 19 })).toThrow(RangeError);
  });

  it('is the same for the same seed and differs for another seed', () => {
    const a = generateDemo({ branches: 60, seed: 'one' });
    const b = generateDemo({ branches: 60, seed: 'one' });
    const c = generateDemo({ branches: 60, seed: 'two' });
    expect(sha256(a)).toBe(sha256(b));
    expect(sha256(a.definition)).not.toBe(sha256(c.definition));
    expect(a.definition.candidates).not.toEqual(c.definition.candidates);
    expect(a.definition.devices[0]?.publicKey).not.toBe(c.definition.devices[0]?.publicKey);
  });

  it('gives the same bytes on every machine (pinned hash of the default 60-branch demo)', () => {
    // If this changes on purpose, every demo file changes: update the hash in the same commit.
    expect(sha256(generateDemo({ branches: 60 }))).toBe(
      'f754a891b80a4c3f8239ca5bf9e18addb0a95e5f224b4e4e006ebc152df46a45',
    );
  });
});

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function signsFor(key: DemoDeviceKey): boolean {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(key.privateKeySeed, 'hex')]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(key.publicKey, 'base64')]),
    format: 'der',
    type: 'spki',
  });
  const message = Buffer.from(`ballot from ${key.serial}`);
  return verify(null, message, publicKey, sign(null, message, privateKey));
}
