import type { Branch, County, ItineraryStop, Zone, ZoneHq } from '@sandogh/core';
import { persianDigits } from './names.js';
import { stopPlace, streets, townsByCounty, venueName, type StopKind } from './places.js';
import { apportion, shuffled, stream, weighted, type Stream } from './prng.js';

/**
 * The constituency's ground: five counties, the HQ's 18 zone HQs (ستادهای مناطق ۱۸ گانه) and
 * the 20 zones of the governor's representatives (مناطق ۲۰ گانه), and the branches (seed
 * README). Tehran county holds most of each; Rey, Shemiranat, Eslamshahr and Pardis each have
 * one zone HQ and one zone. Within Tehran county the zone HQs and the zones are two different
 * partitions of the same ordered branches, as two administrations cut the same city.
 */

export const FULL_BRANCHES = 2_874;
export const FULL_MOBILE_BRANCHES = 311;

interface CountyPlan {
  readonly county: County;
  /** Share of the constituency's voters, in percent. */
  readonly share: number;
  readonly zoneHqs: number;
  readonly zones: number;
}

const plan: readonly CountyPlan[] = [
  {
    county: { id: 'tehran', name: { fa: 'تهران', en: 'Tehran' } },
    share: 82,
    zoneHqs: 14,
    zones: 16,
  },
  { county: { id: 'rey', name: { fa: 'ری', en: 'Rey' } }, share: 5, zoneHqs: 1, zones: 1 },
  {
    county: { id: 'shemiranat', name: { fa: 'شمیرانات', en: 'Shemiranat' } },
    share: 2,
    zoneHqs: 1,
    zones: 1,
  },
  {
    county: { id: 'eslamshahr', name: { fa: 'اسلامشهر', en: 'Eslamshahr' } },
    share: 8,
    zoneHqs: 1,
    zones: 1,
  },
  { county: { id: 'pardis', name: { fa: 'پردیس', en: 'Pardis' } }, share: 3, zoneHqs: 1, zones: 1 },
];

export const counties: readonly County[] = plan.map((p) => p.county);
/** The fewest branches a demo can have: one per governor's-representative zone. */
export const MIN_BRANCHES = plan.reduce((n, p) => n + p.zones, 0);

export interface GeographyOptions {
  readonly seed: string;
  readonly branches: number;
  readonly mobileBranches: number;
  /** Election hours as minutes after midnight, for the mobile itineraries. */
  readonly opens: number;
  readonly closes: number;
}

export interface Geography {
  readonly zoneHqs: readonly ZoneHq[];
  readonly zones: readonly Zone[];
  readonly branches: readonly Branch[];
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function suffix(p: CountyPlan): { fa: string; en: string } {
  return p.county.id === 'tehran'
    ? { fa: '', en: '' }
    : { fa: ` (${p.county.name.fa})`, en: ` (${p.county.name.en})` };
}

/** Mobile branches in proportion to the real 311 of 2,874 when the demo is scaled down. */
export function defaultMobileBranches(branches: number): number {
  return Math.round((branches * FULL_MOBILE_BRANCHES) / FULL_BRANCHES);
}

export function generateGeography(options: GeographyOptions): Geography {
  const { branches: total, mobileBranches } = options;
  if (!Number.isInteger(total) || total < MIN_BRANCHES)
    throw new RangeError(`at least ${MIN_BRANCHES} branches (one per zone)`);
  if (!Number.isInteger(mobileBranches) || mobileBranches < 0 || mobileBranches > total) {
    throw new RangeError(`mobile branches must be between 0 and ${total}`);
  }
  const rng = stream(options.seed, 'geography');
  const zoneHqs: ZoneHq[] = [];
  const zones: Zone[] = [];
  // Zone sizes: the county's share split over its zones, each zone ±25%, at least one branch.
  const zoneWeights: number[] = [];
  for (const p of plan)
    for (let z = 0; z < p.zones; z += 1)
      zoneWeights.push((p.share * rng.between(75, 125)) / p.zones);
  const zoneSizes = apportion(total, zoneWeights, 1);

  const codeWidth = Math.max(4, String(total).length);
  const mobile = new Set(
    shuffled(
      rng,
      Array.from({ length: total }, (_, i) => i),
    ).slice(0, mobileBranches),
  );
  const branches: Branch[] = [];
  let zoneAt = 0;
  for (const p of plan) {
    const countyZoneSizes = zoneSizes.slice(zoneAt, zoneAt + p.zones);
    const countyTotal = countyZoneSizes.reduce((a, b) => a + b, 0);
    const hqSizes = apportion(
      countyTotal,
      Array.from({ length: p.zoneHqs }, () => rng.between(75, 125)),
      1,
    );
    const hqOfIndex: string[] = [];
    hqSizes.forEach((size) => {
      const n = zoneHqs.length + 1;
      const id = `hq-${pad2(n)}`;
      zoneHqs.push({
        id,
        name: {
          fa: `ستاد منطقه ${persianDigits(n)}${suffix(p).fa}`,
          en: `Zone HQ ${n}${suffix(p).en}`,
        },
        countyId: p.county.id,
      });
      for (let i = 0; i < size; i += 1) hqOfIndex.push(id);
    });
    let inCounty = 0;
    countyZoneSizes.forEach((size, zi) => {
      const n = zones.length + 1;
      const zone: Zone = {
        id: `zone-${pad2(n)}`,
        name: {
          fa: `منطقه نمایندگی فرماندار ${persianDigits(n)}${suffix(p).fa}`,
          en: `Governor's representative zone ${n}${suffix(p).en}`,
        },
        countyId: p.county.id,
      };
      zones.push(zone);
      for (let i = 0; i < size; i += 1) {
        const index = branches.length;
        const code = String(index + 1).padStart(codeWidth, '0');
        const zoneHqId = hqOfIndex[inCounty] ?? '';
        const place = placeOf(rng, p, zi);
        const common = { id: code, countyId: p.county.id, zoneId: zone.id, zoneHqId };
        if (mobile.has(index)) {
          const hq = zoneHqs.find((h) => h.id === zoneHqId);
          branches.push({
            ...common,
            name: { fa: `شعبه سیار ${persianDigits(code)}`, en: `Mobile branch ${code}` },
            kind: 'mobile',
            address: `${place.area}، محل استقرار: ${hq?.name.fa ?? ''}`,
            expectedVoters: rng.between(150, 1_200),
            itinerary: itinerary(rng, options.opens, options.closes),
          });
        } else {
          const venue = venueName(rng);
          branches.push({
            ...common,
            name: venue,
            kind: 'fixed',
            address: `${place.area}، ${place.street}، ${venue.fa}`,
            // Registered-area voters a fixed branch is planned for (DESIGN §2: ~7 million in all).
            expectedVoters: rng.between(1_500, 3_900),
            itinerary: [],
          });
        }
        inCounty += 1;
      }
    });
    zoneAt += p.zones;
  }
  return { zoneHqs, zones, branches };
}

/** A Persian address prefix: the municipal district in Tehran (22 of them), a town elsewhere. */
function placeOf(
  rng: Stream,
  p: CountyPlan,
  zoneInCounty: number,
): { area: string; street: string } {
  const street = `خیابان ${rng.pick(streets)[0]}، کوچه ${persianDigits(rng.between(1, 40))}`;
  if (p.county.id === 'tehran') {
    const first = Math.floor((zoneInCounty * 22) / p.zones) + 1;
    const last = Math.floor(((zoneInCounty + 1) * 22) / p.zones);
    return { area: `تهران، منطقه ${persianDigits(rng.between(first, last))}`, street };
  }
  const towns = townsByCounty[p.county.id] ?? [p.county.name.fa];
  return { area: `شهرستان ${p.county.name.fa}، ${rng.pick(towns)}`, street };
}

const stopKinds: readonly (readonly [StopKind, number])[] = [
  ['hospital', 40],
  ['barracks', 20],
  ['dormitory', 15],
  ['care-home', 20],
  ['prison', 5],
];

const clock = (minutes: number): string =>
  `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;

/**
 * 2–5 stops in time order inside the voting hours: the day is cut into equal legs (whole
 * five-minute steps); a stop is reached after a drive of 15–45 minutes (none for the first)
 * and left at the end of its leg, so every stop departs after it arrives and before the next.
 */
function itinerary(rng: Stream, opens: number, closes: number): ItineraryStop[] {
  const count = rng.between(2, 5);
  const leg = Math.floor((closes - opens) / count / 5) * 5;
  const stops: ItineraryStop[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    const start = opens + i * leg;
    const arrive = start + (i === 0 ? rng.between(0, 3) : rng.between(3, 9)) * 5;
    const depart = i === count - 1 ? closes - rng.between(0, 6) * 5 : start + leg;
    let kind = weighted(rng, stopKinds);
    let place = stopPlace(kind, rng);
    while (used.has(place.fa)) {
      kind = weighted(rng, stopKinds);
      place = stopPlace(kind, rng);
    }
    used.add(place.fa);
    stops.push({ id: `stop-${i + 1}`, place, kind, arrive: clock(arrive), depart: clock(depart) });
  }
  return stops;
}
