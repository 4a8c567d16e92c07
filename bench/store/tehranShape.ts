import { createHash } from 'node:crypto';
import type { Branch, Device, ElectionDefinition, StaffAssignment } from '@sandogh/core';

/**
 * A definition of the Tehran county HQ's size (DESIGN §2): 5 counties, 18 zone HQs, 20 zones,
 * 2,874 branches of which 311 mobile with 2–3 stops, a device pair per branch plus 52 spares
 * (5,800 devices), five trustees per branch and the wider staff (about 19,800 people), 32
 * candidates. Only its shape matters to the load benchmark; the Tehran demo generator makes
 * the realistic one, and the bench takes its file as an argument.
 */

const BRANCHES = 2_874;
const MOBILE = 311;
const SPARES = 52;
const pad = (n: number, width = 4) => String(n).padStart(width, '0');
const key = (label: string) => createHash('sha256').update(label).digest('base64');
const bilingual = (fa: string, en: string) => ({ fa, en });

export function tehranShapedDefinition(): ElectionDefinition {
  const counties = ['tehran', 'rey', 'shemiranat', 'eslamshahr', 'pardis'];
  const zoneHqs = Array.from({ length: 18 }, (_, i) => ({
    id: `zhq-${pad(i + 1, 2)}`,
    name: bilingual(`ستاد منطقه ${i + 1}`, `Zone HQ ${i + 1}`),
    countyId: counties[i % counties.length] ?? 'tehran',
  }));
  const zones = Array.from({ length: 20 }, (_, i) => ({
    id: `zone-${pad(i + 1, 2)}`,
    name: bilingual(`منطقه ${i + 1}`, `Zone ${i + 1}`),
    countyId: counties[i % counties.length] ?? 'tehran',
  }));
  // Mobile branches spread evenly through the list, as the real ones are through the zones.
  const mobileEvery = BRANCHES / MOBILE;
  const branches: Branch[] = Array.from({ length: BRANCHES }, (_, i) => {
    const zone = zones[i % zones.length] ?? zones[0];
    const zoneHq = zoneHqs[i % zoneHqs.length] ?? zoneHqs[0];
    const mobile = Math.floor((i + 1) / mobileEvery) !== Math.floor(i / mobileEvery);
    const id = pad(i + 1);
    const stops = 2 + (i % 2);
    return {
      id,
      name: bilingual(`شعبه ${id}`, `Branch ${id}`),
      countyId: zone?.countyId ?? 'tehran',
      zoneId: zone?.id ?? '',
      zoneHqId: zoneHq?.id ?? '',
      kind: mobile ? 'mobile' : 'fixed',
      address: mobile ? 'سیار' : `تهران، خیابان ${i + 1}، مدرسه ${i % 97}`,
      expectedVoters: 1_500 + ((i * 37) % 2_000),
      itinerary: mobile
        ? Array.from({ length: stops }, (_, s) => ({
            id: `${id}-${s + 1}`,
            place: bilingual(`بیمارستان ${s + 1}`, `Hospital ${s + 1}`),
            kind: (['hospital', 'barracks', 'dormitory'] as const)[s] ?? 'other',
            arrive: `${pad(8 + s * 3, 2)}:30`,
            depart: `${pad(10 + s * 3, 2)}:30`,
          }))
        : [],
    };
  });
  const devices: Device[] = branches.flatMap((b) =>
    (['authentication', 'voting'] as const).map((kind) => {
      const serial = `${kind === 'authentication' ? 'AUT' : 'VOT'}-${b.id}`;
      return { serial, kind, publicKey: key(serial), branchId: b.id, zoneHqId: b.zoneHqId };
    }),
  );
  for (let s = 0; s < SPARES; s++) {
    const serial = `SPR-${pad(s + 1)}`;
    devices.push({
      serial,
      kind: 'spare',
      publicKey: key(serial),
      branchId: null,
      zoneHqId: zoneHqs[s % zoneHqs.length]?.id ?? '',
    });
  }
  const staff: StaffAssignment[] = [];
  const person = (
    id: string,
    role: StaffAssignment['role'],
    scope: StaffAssignment['scope'],
    extra: Partial<StaffAssignment> = {},
  ) => staff.push({ id, name: bilingual(`کارمند ${id}`, `Staff ${id}`), role, scope, ...extra });
  for (const b of branches) {
    for (let t = 0; t < 5; t++) {
      person(
        `${b.id}-t${t + 1}`,
        'branch-trustee',
        { kind: 'branches', branchIds: [b.id] },
        {
          trusteeRole: t === 0 ? 'chair' : 'secretary',
          ...(t === 1 ? { deviceOperator: true } : {}),
        },
      );
    }
    person(`${b.id}-obs`, 'observer', { kind: 'branches', branchIds: [b.id] });
  }
  // One inspector for every five branches (DESIGN §2 "People in a branch").
  for (let i = 0; i < branches.length; i += 5) {
    person(`insp-${pad(i / 5 + 1)}`, 'inspector', {
      kind: 'branches',
      branchIds: branches.slice(i, i + 5).map((b) => b.id),
    });
  }
  for (const z of zoneHqs) {
    for (let k = 0; k < 20; k++)
      person(`${z.id}-it-${k}`, 'it-committee', { kind: 'zoneHq', zoneHqId: z.id });
    for (let k = 0; k < 20; k++)
      person(`${z.id}-sup-${k}`, 'support-committee', { kind: 'zoneHq', zoneHqId: z.id });
    for (let k = 0; k < 10; k++)
      person(`${z.id}-staff-${k}`, 'zone-hq-staff', { kind: 'zoneHq', zoneHqId: z.id });
  }
  for (const z of zones) {
    for (let k = 0; k < 50; k++)
      person(`${z.id}-gov-${k}`, 'governor-representative', { kind: 'zone', zoneId: z.id });
  }
  for (let k = 0; k < 15; k++) person(`exec-${k}`, 'executive-board', { kind: 'constituency' });
  for (let k = 0; k < 15; k++) person(`super-${k}`, 'supervisory-board', { kind: 'constituency' });
  for (let k = 0; k < 50; k++) person(`hq-${k}`, 'hq-staff', { kind: 'constituency' });

  return {
    formatVersion: 1,
    election: {
      id: 'majlis-12-tehran-bench',
      title: bilingual('انتخابات مجلس — آزمون بار', 'Majlis election — load bench'),
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
      name: bilingual(
        'تهران، ری، شمیرانات، اسلامشهر و پردیس',
        'Tehran, Rey, Shemiranat, Eslamshahr and Pardis',
      ),
      counties: counties.map((id) => ({ id, name: bilingual(id, id) })),
      seats: 16,
    },
    contest: {
      id: 'majlis',
      title: bilingual('مجلس', 'Majlis'),
      candidateCodeLength: 4,
      maxSelections: 16,
    },
    candidates: Array.from({ length: 32 }, (_, i) => {
      const code = String(1_000 + i * 37);
      return {
        code,
        name: bilingual(`نامزد ${code}`, `Candidate ${code}`),
        photo: `photos/${code}.jpg`,
      };
    }),
    zoneHqs,
    zones,
    branches,
    devices,
    staff,
  };
}
