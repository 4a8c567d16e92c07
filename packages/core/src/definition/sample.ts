import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { Branch, Device, ElectionDefinition, StaffAssignment } from './schema.js';

/**
 * A small, valid definition for tests in every package: one county, two zones and zone HQs,
 * `branches` branches (the last one mobile with two stops), a device pair per branch and a
 * spare, five trustees per branch. Not the Tehran demo (packages/demo): just enough to
 * exercise every rule. Device keys here are well-formed placeholders, not usable keys.
 */
export function sampleDefinition(
  options: { branches?: number; candidates?: number; seats?: number } = {},
): ElectionDefinition {
  const branchCount = options.branches ?? 4;
  const candidateCount = options.candidates ?? 6;
  const seats = options.seats ?? 3;
  const name = (fa: string, en: string) => ({ fa, en });
  const placeholderKey = (label: string) =>
    Buffer.from(sha256(utf8ToBytes(label))).toString('base64');

  const branches: Branch[] = [];
  const devices: Device[] = [];
  const staff: StaffAssignment[] = [];
  for (let i = 1; i <= branchCount; i++) {
    const id = String(i).padStart(4, '0');
    const mobile = i === branchCount && branchCount > 1;
    const zone = i % 2 === 0 ? 'Z02' : 'Z01';
    branches.push({
      id,
      name: name(`شعبه ${id}`, `Branch ${id}`),
      countyId: 'tehran',
      zoneId: zone,
      zoneHqId: zone === 'Z01' ? 'H01' : 'H02',
      kind: mobile ? 'mobile' : 'fixed',
      address: mobile ? 'سیار' : `خیابان ${i}`,
      expectedVoters: mobile ? 300 : 2_000,
      itinerary: mobile
        ? [
            {
              id: 'S1',
              place: name('بیمارستان نمونه', 'Sample hospital'),
              kind: 'hospital',
              arrive: '08:00',
              depart: '12:00',
            },
            {
              id: 'S2',
              place: name('خوابگاه نمونه', 'Sample dormitory'),
              kind: 'dormitory',
              arrive: '13:00',
              depart: '18:00',
            },
          ]
        : [],
    });
    for (const kind of ['authentication', 'voting'] as const) {
      const serial = `${kind === 'voting' ? 'VOTE' : 'AUTH'}-${id}`;
      devices.push({
        serial,
        kind,
        publicKey: placeholderKey(serial),
        branchId: id,
        zoneHqId: zone === 'Z01' ? 'H01' : 'H02',
      });
    }
    for (let t = 1; t <= 5; t++) {
      staff.push({
        id: `T-${id}-${t}`,
        name: name(`عضو ${t} شعبه ${id}`, `Trustee ${t} of ${id}`),
        role: 'branch-trustee',
        scope: { kind: 'branches', branchIds: [id] },
        trusteeRole: t === 1 ? 'chair' : 'secretary',
        ...(t === 2 ? { deviceOperator: true } : {}),
      });
    }
  }
  devices.push({
    serial: 'SPARE-H01-1',
    kind: 'spare',
    publicKey: placeholderKey('SPARE-H01-1'),
    branchId: null,
    zoneHqId: 'H01',
  });
  staff.push({
    id: 'HQ-1',
    name: name('کارشناس ستاد', 'HQ staff'),
    role: 'hq-staff',
    scope: { kind: 'constituency' },
  });

  const candidates = Array.from({ length: candidateCount }, (_, i) => {
    const code = String(1001 + i);
    return { code, name: name(`نامزد ${code}`, `Candidate ${code}`), photo: `photos/${code}.svg` };
  });
  return {
    formatVersion: 1,
    election: {
      id: 'sample-2024',
      title: name('انتخابات نمونه', 'Sample election'),
      kind: 'majlis',
      term: 12,
      round: 1,
      votingDay: '2024-05-10',
      timeZone: 'Asia/Tehran',
      hours: { opens: '08:00', closes: '18:00', ministryExtensionLimitMinutes: 180 },
      minimumAge: 18,
    },
    constituency: {
      id: 'sample',
      name: name('حوزهٔ نمونه', 'Sample constituency'),
      counties: [{ id: 'tehran', name: name('تهران', 'Tehran') }],
      seats,
    },
    contest: {
      id: 'majlis',
      title: name('مجلس', 'Majlis'),
      candidateCodeLength: 4,
      maxSelections: seats,
    },
    candidates,
    zoneHqs: [
      { id: 'H01', name: name('ستاد منطقه ۱', 'Zone HQ 1'), countyId: 'tehran' },
      { id: 'H02', name: name('ستاد منطقه ۲', 'Zone HQ 2'), countyId: 'tehran' },
    ],
    zones: [
      { id: 'Z01', name: name('منطقه ۱', 'Zone 1'), countyId: 'tehran' },
      { id: 'Z02', name: name('منطقه ۲', 'Zone 2'), countyId: 'tehran' },
    ],
    branches,
    devices,
    staff,
  };
}
