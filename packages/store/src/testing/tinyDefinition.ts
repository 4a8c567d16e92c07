import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import type { Branch, Device, ElectionDefinition, StaffAssignment } from '@sandogh/core';

/**
 * A small valid definition for store tests (and other packages' tests): one county, two zones,
 * two zone HQs, a few branches of which every fourth is mobile with two stops inside polling
 * hours, a device pair per branch plus a spare, five trustees per branch with one chair and
 * one device operator, and a few people with wider scopes. fixture.test.ts keeps it valid
 * against @sandogh/core's validateDefinition. Deterministic: the same options give the same
 * document and so the same election hash.
 */
export interface TinyDefinitionOptions {
  readonly electionId?: string;
  /** Number of branches (default 4); every fourth is mobile. */
  readonly branches?: number;
}

/** PKCS#8 DER header of an Ed25519 private key; the 32-byte seed follows it (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The private key seed (hex) of a test device: SHA-256 of a label, known to every test. */
export function testDeviceKeySeed(label: string): string {
  return createHash('sha256').update(`sandogh-test-device:${label}`).digest('hex');
}

/** A real Ed25519 public key (standard base64 of the raw 32 bytes) derived from a label. */
export function testDevicePublicKey(label: string): string {
  const seed = Buffer.from(testDeviceKeySeed(label), 'hex');
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return Buffer.from(jwk.x ?? '', 'base64url').toString('base64');
}

const pad = (n: number) => String(n).padStart(4, '0');

export function tinyDefinition(options: TinyDefinitionOptions = {}): ElectionDefinition {
  const count = options.branches ?? 4;
  const zone = (i: number) => (i < count / 2 ? 1 : 2);
  const branches: Branch[] = Array.from({ length: count }, (_, i) => {
    const id = `b-${pad(i + 1)}`;
    const mobile = i % 4 === 3;
    return {
      id,
      name: { fa: `شعبه ${i + 1}`, en: `Branch ${i + 1}` },
      countyId: 'tehran',
      zoneId: `z-${zone(i)}`,
      zoneHqId: `zhq-${zone(i)}`,
      kind: mobile ? 'mobile' : 'fixed',
      address: mobile ? 'سیار' : `خیابان ${i + 1}`,
      expectedVoters: 400 + i,
      itinerary: mobile
        ? [
            {
              id: `${id}-s1`,
              place: { fa: 'بیمارستان', en: 'Hospital' },
              kind: 'hospital',
              arrive: '08:30',
              depart: '12:00',
            },
            {
              id: `${id}-s2`,
              place: { fa: 'پادگان', en: 'Barracks' },
              kind: 'barracks',
              arrive: '13:00',
              depart: '17:30',
            },
          ]
        : [],
    };
  });
  const devices: Device[] = branches.flatMap((b, i) =>
    (['authentication', 'voting'] as const).map((kind) => {
      const serial = `${kind === 'authentication' ? 'A' : 'V'}-${pad(i + 1)}`;
      return {
        serial,
        kind,
        publicKey: testDevicePublicKey(serial),
        branchId: b.id,
        zoneHqId: b.zoneHqId,
      };
    }),
  );
  devices.push({
    serial: 'S-0001',
    kind: 'spare',
    publicKey: testDevicePublicKey('S-0001'),
    branchId: null,
    zoneHqId: 'zhq-1',
  });
  const trustees: StaffAssignment[] = branches.flatMap((b) =>
    [0, 1, 2, 3, 4].map((k) => ({
      id: `${b.id}-t${k + 1}`,
      name: { fa: `عضو ${k + 1} ${b.name.fa}`, en: `Trustee ${k + 1} of ${b.name.en}` },
      role: 'branch-trustee' as const,
      scope: { kind: 'branches' as const, branchIds: [b.id] },
      trusteeRole: k === 0 ? ('chair' as const) : ('secretary' as const),
      ...(k === 1 ? { deviceOperator: true } : {}),
    })),
  );
  const others: StaffAssignment[] = [
    {
      id: 'hq-1',
      name: { fa: 'ستاد', en: 'HQ staff' },
      role: 'hq-staff',
      scope: { kind: 'constituency' },
    },
    {
      id: 'zhq-1-staff',
      name: { fa: 'ستاد منطقه', en: 'Zone HQ staff' },
      role: 'zone-hq-staff',
      scope: { kind: 'zoneHq', zoneHqId: 'zhq-1' },
    },
    {
      id: 'gov-z-2',
      name: { fa: 'نماینده', en: 'Representative' },
      role: 'governor-representative',
      scope: { kind: 'zone', zoneId: 'z-2' },
    },
    {
      id: 'inspector-1',
      name: { fa: 'بازرس', en: 'Inspector' },
      role: 'inspector',
      scope: { kind: 'branches', branchIds: branches.slice(0, 5).map((b) => b.id) },
    },
  ];
  return {
    formatVersion: 1,
    election: {
      id: options.electionId ?? 'majlis-12-test',
      title: { fa: 'انتخابات آزمایشی', en: 'Test election' },
      kind: 'majlis',
      term: 12,
      round: 1,
      votingDay: '2024-03-01',
      timeZone: 'Asia/Tehran',
      hours: { opens: '08:00', closes: '18:00', ministryExtensionLimitMinutes: 180 },
      minimumAge: 18,
    },
    constituency: {
      id: 'tehran',
      name: { fa: 'تهران', en: 'Tehran' },
      counties: [{ id: 'tehran', name: { fa: 'تهران', en: 'Tehran' } }],
      seats: 2,
    },
    contest: {
      id: 'majlis',
      title: { fa: 'مجلس', en: 'Majlis' },
      candidateCodeLength: 2,
      maxSelections: 2,
    },
    // Out of code order on purpose: the ballot keeps the definition's order.
    candidates: ['31', '12', '47', '20'].map((code) => ({
      code,
      name: { fa: `نامزد ${code}`, en: `Candidate ${code}` },
      photo: `photos/${code}.jpg`,
    })),
    zoneHqs: [1, 2].map((n) => ({
      id: `zhq-${n}`,
      name: { fa: `ستاد ${n}`, en: `Zone HQ ${n}` },
      countyId: 'tehran',
    })),
    zones: [1, 2].map((n) => ({
      id: `z-${n}`,
      name: { fa: `منطقه ${n}`, en: `Zone ${n}` },
      countyId: 'tehran',
    })),
    branches,
    devices,
    staff: [...trustees, ...others],
  };
}
