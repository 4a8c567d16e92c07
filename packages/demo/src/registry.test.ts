import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidNationalCode } from '@sandogh/core';
import { generateRegistry, REGISTRY_HEADER, registryRows, type RegistryRow } from './registry.js';

const ROWS = 200_000;
const monthLength = (month: number): number => (month <= 6 ? 31 : month <= 11 ? 30 : 29);

/** Jalali 'YYYY/MM/DD' strings compare as dates. */
function isJalali(date: string): boolean {
  const m = /^(1[34][0-9]{2})\/([01][0-9])\/([0-3][0-9])$/.exec(date);
  if (m === null) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= monthLength(month);
}

describe('the synthetic voter registry', () => {
  const rows: RegistryRow[] = [...registryRows({ rows: ROWS })];
  const share = (pred: (r: RegistryRow) => boolean): number => rows.filter(pred).length / ROWS;

  it('starts with the header and gives one line per voter', () => {
    const lines = [...generateRegistry({ rows: 3 })];
    expect(lines[0]).toBe(REGISTRY_HEADER);
    expect(REGISTRY_HEADER).toBe(
      'national_code,birth_date,death_date,citizen,round1_constituency,first_name,last_name',
    );
    expect(lines).toHaveLength(4);
    for (const line of lines.slice(1)) expect(line.split(',')).toHaveLength(7);
  });

  it(`gives ${ROWS.toLocaleString('en-US')} valid, unique national codes`, () => {
    const bad = rows.filter(
      (r) =>
        !/^[0-9]{10}$/.test(r.nationalCode) ||
        !isValidNationalCode(r.nationalCode) ||
        /^([0-9])\1{9}$/.test(r.nationalCode),
    );
    expect(bad).toEqual([]);
    expect(new Set(rows.map((r) => r.nationalCode)).size).toBe(ROWS);
  });

  it('writes valid Jalali dates; nobody dies before birth or after the voting day', () => {
    const bad = rows.filter(
      (r) =>
        !isJalali(r.birthDate) ||
        (r.deathDate !== '' &&
          (!isJalali(r.deathDate) || r.deathDate <= r.birthDate || r.deathDate >= '1403/02/21')),
    );
    expect(bad).toEqual([]);
  });

  it('has a realistic age spread: mostly 18–95, about 2% under age', () => {
    const underAge = share((r) => r.birthDate > '1385/02/21');
    expect(underAge).toBeGreaterThan(0.018);
    expect(underAge).toBeLessThan(0.023);
    expect(share((r) => r.birthDate < '1307/02/21')).toBe(0); // nobody over 96
    const middle = share((r) => r.birthDate > '1358/02/21' && r.birthDate <= '1378/02/21'); // 25–44
    expect(middle).toBeGreaterThan(0.35);
    expect(middle).toBeLessThan(0.5);
  });

  it('puts people within days of the 18-year line, on both sides of it', () => {
    expect(rows.some((r) => r.birthDate === '1385/02/21')).toBe(true);
    expect(rows.some((r) => r.birthDate === '1385/02/22')).toBe(true);
    expect(
      share((r) => r.birthDate >= '1385/02/14' && r.birthDate <= '1385/02/21'),
    ).toBeGreaterThan(0.001);
    expect(share((r) => r.birthDate > '1385/02/21' && r.birthDate <= '1385/02/28')).toBeGreaterThan(
      0.001,
    );
  });

  it('has about 0.5% deceased, some of them after round 1', () => {
    expect(share((r) => r.deathDate !== '')).toBeGreaterThan(0.004);
    expect(share((r) => r.deathDate !== '')).toBeLessThan(0.006);
    expect(rows.some((r) => r.deathDate > '1402/12/11' && r.round1Constituency === 'tehran')).toBe(
      true,
    );
  });

  it('has a few non-citizens, none of whom voted in round 1', () => {
    const aliens = rows.filter((r) => !r.citizen);
    expect(aliens.length).toBeGreaterThan(0);
    expect(aliens.length / ROWS).toBeLessThan(0.002);
    for (const r of aliens) expect(r.round1Constituency).toBe('');
  });

  it('records round 1: about 40% in Tehran, about 2% elsewhere, only for those who could vote then', () => {
    expect(share((r) => r.round1Constituency === 'tehran')).toBeGreaterThan(0.385);
    expect(share((r) => r.round1Constituency === 'tehran')).toBeLessThan(0.415);
    const elsewhere = share(
      (r) => r.round1Constituency !== '' && r.round1Constituency !== 'tehran',
    );
    expect(elsewhere).toBeGreaterThan(0.015);
    expect(elsewhere).toBeLessThan(0.025);
    const impossible = rows.filter(
      (r) =>
        r.round1Constituency !== '' &&
        (r.birthDate > '1384/12/11' || (r.deathDate !== '' && r.deathDate <= '1402/12/11')),
    );
    expect(impossible).toEqual([]);
  });

  it('names people in Persian', () => {
    for (const r of rows.slice(0, 1_000)) {
      expect(r.firstName).toMatch(/^[\u0600-\u06ff\u200c ]+$/);
      expect(r.lastName).toMatch(/^[\u0600-\u06ff\u200c ]+$/);
    }
  });

  it('is the same for the same seed and differs for another', () => {
    const hash = (seed: string): string => {
      const h = createHash('sha256');
      for (const line of generateRegistry({ seed, rows: 5_000 })) h.update(`${line}\n`);
      return h.digest('hex');
    };
    expect(hash('a')).toBe(hash('a'));
    expect(hash('a')).not.toBe(hash('b'));
  });

  it('refuses a negative or fractional size', () => {
    expect(() => [...registryRows({ rows: -1 })]).toThrow(RangeError);
    expect(() => [...registryRows({ rows: 1.5 })]).toThrow(RangeError);
  });
});
