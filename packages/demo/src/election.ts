import {
  FORMAT_VERSION,
  type Candidate,
  type ElectionDefinition,
  type Round1Results,
} from '@sandogh/core';
import { generateDevices, type DemoDeviceKey } from './devices.js';
import { counties, defaultMobileBranches, FULL_BRANCHES, generateGeography } from './geography.js';
import {
  DEFAULT_CODE_LENGTH,
  DEFAULT_ROUND1_CANDIDATES,
  deriveRunoff,
  generateRound1Results,
} from './round1.js';
import { generateStaff } from './staff.js';

/**
 * The election the demo ships with (DESIGN §2): the runoff of the 12th Majlis election in the
 * Tehran constituency, 21 Ordibehesht 1403 (2024-05-10), 08:00–18:00 Asia/Tehran, 16 seats,
 * 32 fictional candidates derived by the rule from an invented round 1.
 */
export interface DemoOptions {
  /** Same seed, same bytes. */
  readonly seed?: string;
  /** Branches in the constituency (default 2,874; at least 20, one per zone). */
  readonly branches?: number;
  /** Mobile branches (default: 311 of 2,874, in proportion). */
  readonly mobileBranches?: number;
  /** Digits in a candidate code (default 4). */
  readonly candidateCodeLength?: number;
  /** Candidates in round 1 (default 250). */
  readonly round1Candidates?: number;
}

export interface DemoElection {
  readonly definition: ElectionDefinition;
  readonly round1: Round1Results;
  /** Private keys of the devices: for the demo stations only, never inside the definition. */
  readonly deviceKeys: readonly DemoDeviceKey[];
}

export const DEFAULT_SEED = 'sandogh-tehran-1403';
export const DEMO_ELECTION_ID = 'majlis-12-tehran-round-2';
/** The constituency id, which the registry's round-1 column names too. */
export const DEMO_CONSTITUENCY_ID = 'tehran';

const OPENS = '08:00';
const CLOSES = '18:00';
const minutes = (clock: string): number =>
  Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

export function generateDemo(options: DemoOptions = {}): DemoElection {
  const seed = options.seed ?? DEFAULT_SEED;
  const branchCount = options.branches ?? FULL_BRANCHES;
  const candidateCodeLength = options.candidateCodeLength ?? DEFAULT_CODE_LENGTH;
  const round1 = generateRound1Results({
    seed,
    candidateCodeLength,
    candidates: options.round1Candidates ?? DEFAULT_ROUND1_CANDIDATES,
  });
  const { runoff, remainingSeats } = deriveRunoff(round1);
  // On the ballot in code order; the code is what the voter keys in.
  const candidates: Candidate[] = runoff
    .map(({ code, name }) => ({ code, name, photo: `photos/${code}.svg` }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));

  const geography = generateGeography({
    seed,
    branches: branchCount,
    mobileBranches: options.mobileBranches ?? defaultMobileBranches(branchCount),
    opens: minutes(OPENS),
    closes: minutes(CLOSES),
  });
  const { devices, keys } = generateDevices(seed, geography.zoneHqs, geography.branches);
  const staff = generateStaff(seed, geography.zoneHqs, geography.zones, geography.branches);

  const definition: ElectionDefinition = {
    formatVersion: FORMAT_VERSION,
    election: {
      id: DEMO_ELECTION_ID,
      title: {
        fa: 'مرحله دوم انتخابات دوازدهمین دوره مجلس شورای اسلامی — حوزه انتخابیه تهران',
        en: 'Runoff of the 12th Majlis election — Tehran constituency',
      },
      kind: 'majlis',
      term: 12,
      round: 2,
      votingDay: '2024-05-10',
      timeZone: 'Asia/Tehran',
      hours: { opens: OPENS, closes: CLOSES, ministryExtensionLimitMinutes: 180 },
      minimumAge: 18,
    },
    constituency: {
      id: DEMO_CONSTITUENCY_ID,
      name: {
        fa: 'حوزه انتخابیه تهران، ری، شمیرانات، اسلامشهر و پردیس',
        en: 'Tehran, Rey, Shemiranat, Eslamshahr and Pardis',
      },
      counties: [...counties],
      seats: remainingSeats,
    },
    contest: {
      id: 'majlis-tehran',
      title: {
        fa: 'نمایندگان مجلس شورای اسلامی',
        en: 'Members of the Islamic Consultative Assembly',
      },
      candidateCodeLength,
      maxSelections: remainingSeats,
    },
    candidates,
    round1,
    zoneHqs: [...geography.zoneHqs],
    zones: [...geography.zones],
    branches: [...geography.branches],
    devices,
    staff,
  };
  return { definition, round1, deviceKeys: keys };
}

/** The definition alone (the device keys are still derivable from the seed). */
export function generateDemoElection(options: DemoOptions = {}): ElectionDefinition {
  return generateDemo(options).definition;
}
