import { DEFAULT_SEED, DEMO_CONSTITUENCY_ID } from './election.js';
import { femaleFirstNames, lastNames, maleFirstNames } from './names.js';
import { MAX_REGISTRY_ROWS, NationalCodeScramble, nationalCodeAt } from './nationalCodes.js';
import { stream, weighted, type Stream } from './prng.js';

/**
 * A synthetic voter registry (DESIGN §2), streamed row by row so that 10 million rows need no
 * more memory than one: valid, unique national codes; Jalali birth dates with a realistic age
 * pyramid, some under age (a cluster within days of the 18-year line on both sides); some
 * deceased; a few non-citizens; and round-1 participation with its constituency, so that the
 * runoff rule (vote only where you voted in round 1) has someone to refuse.
 */
export interface RegistryOptions {
  readonly seed?: string;
  readonly rows: number;
  /** The runoff constituency's id in the round-1 column (default 'tehran'). */
  readonly constituencyId?: string;
}

export const REGISTRY_HEADER =
  'national_code,birth_date,death_date,citizen,round1_constituency,first_name,last_name';

/** Shares the generator aims at, in parts per 10,000 rows. */
export const registryMix = {
  underAge: 190,
  /** Born within a week either side of 21 Ordibehesht 1385 (half of them eligible). */
  atAgeLine: 30,
  deceased: 50,
  nonCitizen: 10,
  /** Of people who could vote in round 1. */
  round1Here: 4_100,
  round1Elsewhere: 205,
} as const;

/**
 * Jalali dates as (year, day of year 0..364). Months 1–6 have 31 days, 7–11 have 30 and Esfand
 * 29 (30 in leap years); staying within the first 365 days keeps every date valid without the
 * leap rule — 30 Esfand is simply never produced. Day numbers `year·365 + day` order dates
 * correctly because of that.
 */
const daysBeforeMonth = (month: number): number =>
  month <= 7 ? (month - 1) * 31 : 186 + (month - 7) * 30;
const dayNumber = (year: number, month: number, day: number): number =>
  year * 365 + daysBeforeMonth(month) + day - 1;

function jalali(n: number): string {
  const year = Math.floor(n / 365);
  const dayOfYear = n - year * 365;
  const month =
    dayOfYear < 186 ? Math.floor(dayOfYear / 31) + 1 : Math.floor((dayOfYear - 186) / 30) + 7;
  const day = dayOfYear - daysBeforeMonth(month) + 1;
  return `${year}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`;
}

/** The runoff's voting day, 21 Ordibehesht 1403; 18 full years means born on or before 21/02/1385. */
const RUNOFF_DAY = dayNumber(1403, 2, 21);
const AGE_LINE = dayNumber(1385, 2, 21);
/** Round 1, 11 Esfand 1402; eligible if born on or before 11/12/1384. */
const ROUND1_DAY = dayNumber(1402, 12, 11);
const ROUND1_AGE_LINE = dayNumber(1384, 12, 11);

/** Age bands of adults (percent), after Iran's 2016 census pyramid, shifted to 2024. */
const ageBands: readonly (readonly [readonly [number, number], number])[] = [
  [[18, 24], 11],
  [[25, 34], 19],
  [[35, 44], 25],
  [[45, 54], 17],
  [[55, 64], 14],
  [[65, 74], 9],
  [[75, 84], 4],
  [[85, 95], 1],
];

/** Other constituencies where a Tehran resident may have voted in round 1. */
const elsewhere: readonly (readonly [string, number])[] = [
  ['karaj', 35],
  ['qom', 15],
  ['shahriar', 15],
  ['varamin', 10],
  ['isfahan', 10],
  ['mashhad', 10],
  ['tabriz', 5],
];

/** A birth day number for someone `age` full years old on the runoff day. */
function bornAtAge(rng: Stream, age: number): number {
  // The year-long window of birthdays giving this age ends on the age line moved back.
  const latest = AGE_LINE - (age - 18) * 365;
  return latest - rng.below(365);
}

export interface RegistryRow {
  readonly nationalCode: string;
  readonly birthDate: string;
  readonly deathDate: string;
  readonly citizen: boolean;
  readonly round1Constituency: string;
  readonly firstName: string;
  readonly lastName: string;
}

/** The registry's rows in order; pull as many as needed. */
export function* registryRows(options: RegistryOptions): Generator<RegistryRow, void, undefined> {
  const { rows } = options;
  if (!Number.isInteger(rows) || rows < 0 || rows > MAX_REGISTRY_ROWS) {
    throw new RangeError(`rows must be an integer in 0..${MAX_REGISTRY_ROWS}`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const here = options.constituencyId ?? DEMO_CONSTITUENCY_ID;
  const scramble = new NationalCodeScramble(seed);
  const rng = stream(seed, 'registry');
  for (let i = 0; i < rows; i += 1) {
    const roll = rng.below(10_000);
    let born: number;
    if (roll < registryMix.underAge) born = AGE_LINE + 1 + rng.below(2 * 365 - 1);
    else if (roll < registryMix.underAge + registryMix.atAgeLine)
      born = AGE_LINE - 7 + rng.below(15);
    else {
      const [low, high] = weighted(rng, ageBands);
      born = bornAtAge(rng, rng.between(low, high));
    }
    let died = -1;
    if (rng.below(10_000) < registryMix.deceased) {
      // A fifth died between the rounds: they may have voted in round 1 and must be refused now.
      const from = rng.chance(0.2) ? ROUND1_DAY + 1 : Math.max(born + 1, dayNumber(1396, 1, 1));
      died =
        Math.max(from, born + 1) + rng.below(Math.max(1, RUNOFF_DAY - Math.max(from, born + 1)));
    }
    const citizen = rng.below(10_000) >= registryMix.nonCitizen;
    const couldVoteInRound1 = citizen && born <= ROUND1_AGE_LINE && (died < 0 || died > ROUND1_DAY);
    const r1 = rng.below(10_000);
    let round1Constituency = '';
    if (couldVoteInRound1 && r1 < registryMix.round1Here) round1Constituency = here;
    else if (couldVoteInRound1 && r1 < registryMix.round1Here + registryMix.round1Elsewhere) {
      round1Constituency = weighted(rng, elsewhere);
    }
    const first = rng.pick(rng.chance(0.5) ? femaleFirstNames : maleFirstNames);
    const last = rng.pick(lastNames);
    yield {
      nationalCode: nationalCodeAt(scramble, i),
      birthDate: jalali(born),
      deathDate: died < 0 ? '' : jalali(died),
      citizen,
      round1Constituency,
      firstName: first[0],
      lastName: last[0],
    };
  }
}

export function registryCsvLine(row: RegistryRow): string {
  return [
    row.nationalCode,
    row.birthDate,
    row.deathDate,
    row.citizen ? '1' : '0',
    row.round1Constituency,
    row.firstName,
    row.lastName,
  ].join(',');
}

/**
 * The registry as CSV lines (header first), without line terminators; `writeDemo` joins them
 * with "\n". No field ever holds a comma, quote or newline, so no quoting is needed.
 */
export function* generateRegistry(options: RegistryOptions): Generator<string, void, undefined> {
  yield REGISTRY_HEADER;
  for (const row of registryRows(options)) yield registryCsvLine(row);
}
