import { canonicalJson } from '../canonical.js';
import { problem } from '../errors.js';
import { fromJalali, parseIsoDate, type IsoDate } from '../jalali.js';
import { parseNationalCode } from '../nationalCode.js';
import { toLatinDigits } from '../persianText.js';
import type { Problem } from '../problem.js';
import { err, ok, type Result } from '../result.js';
import type { RegistryVoter } from './eligibility.js';

/**
 * One line of a voter registry file (docs/FORMATS.md "Voter registry", issue 4): the columns,
 * the header check and the row check, pure so that the CLI's streaming import, the HQ route
 * and the tests read a file the same way. The CSV layer (quoting, line ends) is the caller's;
 * this sees each line as its fields.
 */

/** The five identity documents of DESIGN §2 "Identity", each keyed on the national code. */
export const registryDocumentKinds = [
  'national-card',
  'birth-certificate',
  'passport',
  'driving-licence',
  'military-service-card',
] as const;
export type RegistryDocumentKind = (typeof registryDocumentKinds)[number];

/** The optional column holding a document kind's serial: `serial_national_card`, … */
export function serialColumn(kind: RegistryDocumentKind): string {
  return `serial_${kind.replaceAll('-', '_')}`;
}

export const registryRequiredColumns = ['national_code', 'birth_date', 'citizen'] as const;
export const registryOptionalColumns = [
  'death_date',
  'deceased',
  'round1_constituency',
  'first_name',
  'last_name',
  ...registryDocumentKinds.map(serialColumn),
] as const;

const allColumns: readonly string[] = [...registryRequiredColumns, ...registryOptionalColumns];
const knownColumns: ReadonlySet<string> = new Set(allColumns);
const serialColumns = registryDocumentKinds.map((kind) => [kind, serialColumn(kind)] as const);

/** Where each known column sits in a row; the header may list them in any order. */
export interface RegistryHeader {
  readonly width: number;
  readonly positions: ReadonlyMap<string, number>;
  /** The position of each known column by name, -1 when absent: read once per row, not looked up. */
  readonly at: Readonly<Record<string, number>>;
}

/** The header line: every required column, no unknown or repeated one (names are lower-cased). */
export function parseRegistryHeader(fields: readonly string[]): Result<RegistryHeader, Problem[]> {
  const problems: Problem[] = [];
  const positions = new Map<string, number>();
  fields.forEach((raw, index) => {
    // A byte-order mark before the first name is common in files saved by spreadsheets.
    const column = (index === 0 ? raw.replace(/^\uFEFF/, '') : raw).trim().toLowerCase();
    if (!knownColumns.has(column)) problems.push(problem('REGISTRY_HEADER_UNKNOWN', { column }));
    else if (positions.has(column)) problems.push(problem('REGISTRY_HEADER_DUPLICATE', { column }));
    else positions.set(column, index);
  });
  for (const column of registryRequiredColumns)
    if (!positions.has(column)) problems.push(problem('REGISTRY_HEADER_MISSING', { column }));
  if (problems.length > 0) return err(problems);
  const at: Record<string, number> = {};
  for (const column of allColumns) at[column] = positions.get(column) ?? -1;
  return ok({ width: fields.length, positions, at });
}

/** A valid row: the voter as eligibility sees them, plus what the desk may show. */
export interface RegistryRecord extends RegistryVoter {
  readonly birthDate: IsoDate;
  readonly deathDate: IsoDate | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  /** RFC 8785 canonical JSON of `{ kind: serial }`, or null when the row gives none. */
  readonly documentSerials: string | null;
}

const JALALI = /^([0-9]{4})[/-]([0-9]{1,2})[/-]([0-9]{1,2})$/;
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const SERIAL = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;
const CONTROL = /\p{Cc}/u;
const NAME_MAX = 100;
/** Birth and death dates outside these Gregorian years are typing mistakes, not people. */
const FIRST_YEAR = 1850;
const LAST_YEAR = 2200;

/**
 * Dates repeat across a registry (a century of birthdays is ~36,500 of them), and turning a
 * Jalali date into a Gregorian one goes through Intl, which costs microseconds: each distinct
 * text is converted once. Bounded, so a file of junk dates cannot grow it without limit.
 */
const dateCache = new Map<string, IsoDate | null>();
const DATE_CACHE_MAX = 200_000;

/**
 * A registry date: Jalali 'yyyy/mm/dd' (or with '-'; Persian, Arabic or Latin digits) or ISO
 * Gregorian 'yyyy-mm-dd'. A '-' date with a year before 1700 is read as Jalali (Jalali years of
 * living people are 13xx–14xx, Gregorian ones 19xx–20xx, so the two never overlap). Answers the
 * Gregorian date, or null for an impossible one (30 Esfand of a common year, 31 Mehr, …).
 */
export function parseRegistryDate(text: string): IsoDate | null {
  const cached = dateCache.get(text);
  if (cached !== undefined) return cached;
  const value = convertDate(toLatinDigits(text).trim());
  if (dateCache.size < DATE_CACHE_MAX) dateCache.set(text, value);
  return value;
}

function convertDate(text: string): IsoDate | null {
  const jalali = JALALI.exec(text);
  if (jalali !== null && (text.includes('/') || Number(jalali[1]) < 1700)) {
    try {
      const iso = fromJalali(Number(jalali[1]), Number(jalali[2]), Number(jalali[3]));
      return plausibleYear(iso) ? iso : null;
    } catch {
      return null;
    }
  }
  const iso = parseIsoDate(text);
  return iso.ok && plausibleYear(iso.value) ? iso.value : null;
}

function plausibleYear(iso: IsoDate): boolean {
  const year = Number(iso.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** The reason a row is refused, with the column it is about (none for a whole-row problem). */
export interface RowRefusal {
  readonly problem: Problem;
  readonly column?: string;
}

function refuse(problemOfRow: Problem, column?: string): Result<never, RowRefusal> {
  return err(column === undefined ? { problem: problemOfRow } : { problem: problemOfRow, column });
}

function field(header: RegistryHeader, fields: readonly string[], column: string): string {
  const at = header.at[column] ?? -1;
  return at < 0 ? '' : (fields[at] ?? '').trim();
}

function flag(text: string): boolean | undefined {
  const digit = toLatinDigits(text);
  return digit === '1' ? true : digit === '0' ? false : undefined;
}

function text(value: string): string | null | undefined {
  if (value === '') return null;
  if (value.length > NAME_MAX || CONTROL.test(value)) return undefined;
  return value;
}

/**
 * One data row. The first problem found answers (its column says where); the national code
 * never appears in the problem (personal data, and the rejects file gives the line).
 */
export function parseRegistryRow(
  header: RegistryHeader,
  fields: readonly string[],
): Result<RegistryRecord, RowRefusal> {
  if (fields.length !== header.width)
    return refuse(
      problem('REGISTRY_ROW_FIELD_COUNT', { found: fields.length, expected: header.width }),
    );
  const code = field(header, fields, 'national_code');
  if (code === '') return refuse(problem('REGISTRY_ROW_REQUIRED', { column: 'national_code' }));
  const nationalCode = parseNationalCode(code);
  if (!nationalCode.ok) return refuse(nationalCode.error, 'national_code');

  const birthText = field(header, fields, 'birth_date');
  if (birthText === '') return refuse(problem('REGISTRY_ROW_REQUIRED', { column: 'birth_date' }));
  const birthDate = parseRegistryDate(birthText);
  if (birthDate === null)
    return refuse(problem('REGISTRY_ROW_DATE', { column: 'birth_date' }), 'birth_date');

  const deathText = field(header, fields, 'death_date');
  const deathDate = deathText === '' ? null : parseRegistryDate(deathText);
  if (deathDate === null && deathText !== '')
    return refuse(problem('REGISTRY_ROW_DATE', { column: 'death_date' }), 'death_date');
  if (deathDate !== null && deathDate < birthDate)
    return refuse(
      problem('REGISTRY_ROW_DATE_ORDER', { reason: 'death_date is before birth_date' }),
      'death_date',
    );

  const deceasedText = field(header, fields, 'deceased');
  const deceasedFlag = deceasedText === '' ? false : flag(deceasedText);
  if (deceasedFlag === undefined)
    return refuse(problem('REGISTRY_ROW_FLAG', { column: 'deceased' }), 'deceased');
  if (deceasedText !== '' && !deceasedFlag && deathDate !== null)
    return refuse(
      problem('REGISTRY_ROW_DATE_ORDER', { reason: 'deceased is 0 but death_date is given' }),
      'deceased',
    );

  const citizenText = field(header, fields, 'citizen');
  if (citizenText === '') return refuse(problem('REGISTRY_ROW_REQUIRED', { column: 'citizen' }));
  const citizen = flag(citizenText);
  if (citizen === undefined)
    return refuse(problem('REGISTRY_ROW_FLAG', { column: 'citizen' }), 'citizen');

  const round1 = field(header, fields, 'round1_constituency');
  if (round1 !== '' && !IDENTIFIER.test(round1))
    return refuse(
      problem('REGISTRY_ROW_IDENTIFIER', { column: 'round1_constituency' }),
      'round1_constituency',
    );

  const firstName = text(field(header, fields, 'first_name'));
  if (firstName === undefined)
    return refuse(problem('REGISTRY_ROW_TEXT', { column: 'first_name', maximum: NAME_MAX }));
  const lastName = text(field(header, fields, 'last_name'));
  if (lastName === undefined)
    return refuse(problem('REGISTRY_ROW_TEXT', { column: 'last_name', maximum: NAME_MAX }));

  const serials: Partial<Record<RegistryDocumentKind, string>> = {};
  let anySerial = false;
  for (const [kind, column] of serialColumns) {
    if ((header.at[column] ?? -1) < 0) continue;
    const serial = toLatinDigits(field(header, fields, column));
    if (serial === '') continue;
    if (!SERIAL.test(serial)) return refuse(problem('REGISTRY_ROW_IDENTIFIER', { column }), column);
    serials[kind] = serial;
    anySerial = true;
  }

  return ok({
    nationalCode: nationalCode.value,
    birthDate,
    deceased: deceasedFlag || deathDate !== null,
    deathDate,
    citizen,
    round1Constituency: round1 === '' ? null : round1,
    firstName,
    lastName,
    documentSerials: anySerial ? canonicalJson(serials) : null,
  });
}
