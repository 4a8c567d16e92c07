import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fromJalali } from '../jalali.js';
import { makeNationalCode } from '../nationalCode.js';
import { toPersianDigits } from '../persianText.js';
import {
  parseRegistryDate,
  parseRegistryHeader,
  parseRegistryRow,
  type RegistryHeader,
} from './registryRow.js';

const DEMO_HEADER =
  'national_code,birth_date,death_date,citizen,round1_constituency,first_name,last_name';

function header(line = DEMO_HEADER): RegistryHeader {
  const parsed = parseRegistryHeader(line.split(','));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

const code = makeNationalCode('001234567');
const row = (line: string, h = header()) => parseRegistryRow(h, line.split(','));
const refusal = (line: string, h = header()) => {
  const parsed = row(line, h);
  if (parsed.ok) throw new Error('expected a refusal');
  return parsed.error;
};

describe('the header line', () => {
  it('accepts the demo generator’s header and any column order', () => {
    expect(header().positions.get('citizen')).toBe(3);
    expect(header('citizen,birth_date,NATIONAL_CODE').positions.get('national_code')).toBe(2);
    expect(header('\uFEFFnational_code,birth_date,citizen').positions.get('national_code')).toBe(0);
  });

  it('names every missing, unknown and repeated column', () => {
    const parsed = parseRegistryHeader(['national_code', 'birthday', 'national_code']);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.map((p) => [p.code, p.details?.['column']])).toEqual([
      ['REGISTRY_HEADER_UNKNOWN', 'birthday'],
      ['REGISTRY_HEADER_DUPLICATE', 'national_code'],
      ['REGISTRY_HEADER_MISSING', 'birth_date'],
      ['REGISTRY_HEADER_MISSING', 'citizen'],
    ]);
  });
});

describe('a row', () => {
  it('reads a demo row: Jalali dates to ISO, empty round 1 to null', () => {
    const parsed = row(`${code},1385/02/21,,1,,مریم,احمدی`);
    expect(parsed).toEqual({
      ok: true,
      value: {
        nationalCode: code,
        birthDate: '2006-05-11',
        deathDate: null,
        deceased: false,
        citizen: true,
        round1Constituency: null,
        firstName: 'مریم',
        lastName: 'احمدی',
        documentSerials: null,
      },
    });
  });

  it('reads Persian digits, ISO dates, a death date and document serials', () => {
    const h = header(
      'national_code,birth_date,death_date,deceased,citizen,round1_constituency,serial_passport,serial_national_card',
    );
    const parsed = row(
      `${toPersianDigits(code)},1950-03-01,۱۴۰۲/۱۲/۲۰,1,1,karaj,P۱۲۳۴۵,0012345678`,
      h,
    );
    expect(parsed.ok && parsed.value).toMatchObject({
      nationalCode: code,
      birthDate: '1950-03-01',
      deathDate: fromJalali(1402, 12, 20),
      deceased: true,
      round1Constituency: 'karaj',
      documentSerials: '{"national-card":"0012345678","passport":"P12345"}',
    });
  });

  it.each([
    ['0012345670,1385/02/21,,1,,,', 'NATIONAL_CODE_CHECK_DIGIT', 'national_code'],
    ['12345,1385/02/21,,1,,,', 'NATIONAL_CODE_FORMAT', 'national_code'],
    [',1385/02/21,,1,,,', 'REGISTRY_ROW_REQUIRED', undefined],
    [`${code},1385/12/30,,1,,,`, 'REGISTRY_ROW_DATE', 'birth_date'],
    [`${code},1385/07/31,,1,,,`, 'REGISTRY_ROW_DATE', 'birth_date'],
    [`${code},2006-02-30,,1,,,`, 'REGISTRY_ROW_DATE', 'birth_date'],
    [`${code},0001-01-01,,1,,,`, 'REGISTRY_ROW_DATE', 'birth_date'],
    [`${code},1385/02/21,1380/01/01,1,,,`, 'REGISTRY_ROW_DATE_ORDER', 'death_date'],
    [`${code},1385/02/21,,yes,,,`, 'REGISTRY_ROW_FLAG', 'citizen'],
    [`${code},1385/02/21,,1,tehran city,,`, 'REGISTRY_ROW_IDENTIFIER', 'round1_constituency'],
    [`${code},1385/02/21,,1,,`, 'REGISTRY_ROW_FIELD_COUNT', undefined],
    [`${code},1385/02/21,,1,,\u0007,`, 'REGISTRY_ROW_TEXT', undefined],
  ])('refuses %s with %s', (line, expected, column) => {
    const refused = refusal(line);
    expect(refused.problem.code).toBe(expected);
    expect(refused.column).toBe(column);
    expect(JSON.stringify(refused)).not.toContain(code);
  });

  it('refuses a death date beside "deceased 0"', () => {
    const h = header('national_code,birth_date,death_date,deceased,citizen');
    expect(refusal(`${code},1360/01/01,1400/01/01,0,1`, h).problem.code).toBe(
      'REGISTRY_ROW_DATE_ORDER',
    );
  });
});

describe('registry dates', () => {
  test.prop([
    fc.integer({ min: 1230, max: 1570 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 29 }),
  ])('a Jalali date reads the same with / or -, Latin or Persian digits', (y, m, d) => {
    const text = `${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`;
    const iso = fromJalali(y, m, d);
    expect(parseRegistryDate(text)).toBe(iso);
    expect(parseRegistryDate(text.replaceAll('/', '-'))).toBe(iso);
    expect(parseRegistryDate(toPersianDigits(text))).toBe(iso);
  });

  it('reads a dash date with a year from 1700 as Gregorian', () => {
    expect(parseRegistryDate('1999-12-31')).toBe('1999-12-31');
    expect(parseRegistryDate('1399-12-30')).toBe(fromJalali(1399, 12, 30));
  });
});
