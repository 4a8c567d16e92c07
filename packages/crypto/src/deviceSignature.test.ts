import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { devicePublicKeyOf, signDeviceMessage, verifyDeviceSignature } from './deviceSignature.js';

// RFC 8032 §7.1, TEST 1: the seed and its public key.
const RFC_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC_PUBLIC = Buffer.from(
  'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  'hex',
).toString('base64');
const OTHER_SEED = '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb';

const message = {
  v: 1,
  election: 'a'.repeat(64),
  branch: 'b-0001',
  device: 'A-0001',
  kind: 'pollbook.checkIn',
  id: '0123456789abcdef0123456789abcdef',
  at: '2024-05-10T05:00:00.000Z',
  body: { nationalCode: '0000000000' },
};

describe('device message signatures', () => {
  it("derives RFC 8032's public key from its seed", () => {
    expect(devicePublicKeyOf(RFC_SEED)).toBe(RFC_PUBLIC);
  });

  it('verifies what the device signed, whatever the key order on the wire', () => {
    const signed = signDeviceMessage(message, RFC_SEED);
    expect(verifyDeviceSignature(signed, RFC_PUBLIC)).toBe(true);
    const reordered = JSON.parse(JSON.stringify({ ...signed.message, body: signed.message.body }));
    expect(
      verifyDeviceSignature({ message: reordered, signature: signed.signature }, RFC_PUBLIC),
    ).toBe(true);
  });

  it("refuses another device's key, a malformed key and a truncated signature", () => {
    const signed = signDeviceMessage(message, RFC_SEED);
    expect(verifyDeviceSignature(signed, devicePublicKeyOf(OTHER_SEED))).toBe(false);
    expect(verifyDeviceSignature(signed, 'AAAA')).toBe(false);
    expect(verifyDeviceSignature(signed, Buffer.alloc(32, 0xff).toString('base64'))).toBe(false);
    expect(
      verifyDeviceSignature({ ...signed, signature: signed.signature.slice(0, 40) }, RFC_PUBLIC),
    ).toBe(false);
  });

  it('refuses a second spelling of the same signature (base64 padding bits)', () => {
    const signed = signDeviceMessage(message, RFC_SEED);
    const last = signed.signature.at(-3) ?? 'A';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const twin = alphabet[alphabet.indexOf(last) + 1] ?? 'B';
    const respelled = `${signed.signature.slice(0, -3)}${twin}==`;
    expect(Buffer.from(respelled, 'base64')).toEqual(Buffer.from(signed.signature, 'base64'));
    expect(verifyDeviceSignature({ ...signed, signature: respelled }, RFC_PUBLIC)).toBe(false);
  });

  test.prop([
    fc.constantFrom('branch', 'device', 'kind', 'id', 'at', 'election'),
    fc.string({ minLength: 1, maxLength: 8 }),
  ])('refuses a message changed in any field after signing', (field, suffix) => {
    const signed = signDeviceMessage(message, RFC_SEED);
    const altered = { ...signed.message, [field]: `${signed.message[field]}${suffix}` };
    expect(
      verifyDeviceSignature({ message: altered, signature: signed.signature }, RFC_PUBLIC),
    ).toBe(false);
  });

  test.prop([fc.jsonValue()])('refuses a changed body', (body) => {
    const signed = signDeviceMessage(message, RFC_SEED);
    const altered = { ...signed.message, body: { nationalCode: '0000000000', extra: body } };
    expect(
      verifyDeviceSignature({ message: altered, signature: signed.signature }, RFC_PUBLIC),
    ).toBe(false);
  });
});
