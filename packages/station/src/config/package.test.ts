import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { devicePublicKeyOf } from '@sandogh/crypto';
import { seedOf, stationFixture, VOTING_SERIAL } from '../testSupport.js';
import { openBranchPackage } from './package.js';

const fixture = stationFixture();
const trust = {
  hqPublicKey: fixture.hqPublicKey,
  deviceSerial: VOTING_SERIAL,
  devicePublicKey: devicePublicKeyOf(fixture.seedHex),
};
const codeOf = (text: string, t = trust) => {
  const r = openBranchPackage(text, t);
  return r.ok ? 'accepted' : r.error.code;
};

describe('the station and its configuration package', () => {
  it('runs the package HQ signed for it, and shows its short hash', () => {
    const r = openBranchPackage(fixture.packageText, trust);
    expect(r.ok && r.value.shortHash).toMatch(/^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
  });

  it('refuses an unsigned package', () => {
    const unsigned = JSON.stringify({ package: fixture.signed.package });
    expect(codeOf(unsigned)).toBe('PACKAGE_MALFORMED');
  });

  it('refuses a package altered by any one byte', () => {
    const bytes = Buffer.from(fixture.packageText.trimEnd(), 'utf8');
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const altered = Buffer.from(bytes);
        altered[at] = (altered[at] ?? 0) ^ flip;
        expect(codeOf(altered.toString('utf8'))).not.toBe('accepted');
      }),
      { numRuns: 1000 },
    );
    // And every position once, with the lowest bit flipped (base64's spare bits included).
    for (let at = 0; at < bytes.length; at += 1) {
      const altered = Buffer.from(bytes);
      altered[at] = (altered[at] ?? 0) ^ 1;
      expect(codeOf(altered.toString('utf8'))).not.toBe('accepted');
    }
  });

  it('refuses a package signed by another HQ, or for another device', () => {
    expect(
      codeOf(fixture.packageText, { ...trust, hqPublicKey: devicePublicKeyOf(seedOf('x')) }),
    ).toBe('PACKAGE_FOREIGN');
    expect(codeOf(fixture.packageText, { ...trust, deviceSerial: 'V-OTHER' })).toBe(
      'PACKAGE_FOREIGN',
    );
    expect(
      codeOf(fixture.packageText, { ...trust, devicePublicKey: devicePublicKeyOf(seedOf('y')) }),
    ).toBe('PACKAGE_FOREIGN');
  });

  it('refuses a package in which its own device is revoked', () => {
    const pkg = fixture.signed.package;
    const revoked = fixture.resign({
      ...pkg,
      devices: pkg.devices.map((d) => ({ ...d, status: 'retired' as const })),
    });
    expect(codeOf(revoked)).toBe('PACKAGE_FOREIGN');
  });
});
