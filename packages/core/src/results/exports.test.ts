import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { canonicalHash, sha256Hex } from '../canonical.js';
import { computeResults, declareWinners } from './compute.js';
import type { ElectionResults } from './compute.js';
import { resultsCsv, RESULTS_CSV_HEADER } from './csv.js';
import type { ResultsExportInput } from './exportInput.js';
import { constituencyMinutesHtml, faNumber, faPercent } from './minutes.js';
import { nistElectionReport } from './nist1500100.js';
import { countOfBallots, testExportDefinition, testGeography } from './testSupport.js';

/**
 * The official NIST SP 1500-100 schema lives beside the repository, never inside it
 * (/work/shared/schemas/nist/README.md): `<repo>/../shared`, or SANDOGH_SHARED_DIR.
 */
const sharedDir =
  process.env['SANDOGH_SHARED_DIR'] ??
  join(fileURLToPath(new URL('../../../../', import.meta.url)), '..', 'shared');
const schemaFile = join(sharedDir, 'schemas', 'nist', 'NIST_V2_election_results_reporting.json');
const schema: unknown = existsSync(schemaFile)
  ? JSON.parse(readFileSync(schemaFile, 'utf8'))
  : undefined;
const itWithSchema = schema === undefined ? it.skip : it;
if (schema === undefined)
  console.warn(
    `NIST SP 1500-100 schema not found at ${schemaFile}: its validation test is skipped (set SANDOGH_SHARED_DIR).`,
  );

// CommonJS packages: whichever way the loader wraps them, `.default` is the export.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;

function validator(): (data: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema as object);
  return (data) =>
    validate(data)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

const geography = testGeography(5);
const codes = geography.candidates.map((c) => c.code);

function results(reporting = 5): ElectionResults {
  const ballots = [codes.slice(0, 16), codes.slice(2, 18), [], ['101', '102']];
  const counts = geography.branches
    .slice(0, reporting)
    .map((b) => countOfBallots(geography, b.id, ballots));
  const computed = computeResults(geography, {
    branchCounts: counts,
    registeredVoters: 100,
    unreconciledBranches: [],
  });
  if (!computed.ok) throw new Error(JSON.stringify(computed.error));
  return computed.value;
}

function exportInput(r: ElectionResults, state: ResultsExportInput['state']): ResultsExportInput {
  const winners = declareWinners(r.outcome);
  return {
    definition: testExportDefinition(geography),
    results: r,
    winners: winners.ok ? winners.value : null,
    state,
    version: { number: 3, hash: 'f'.repeat(64), correction: false },
    resultsHash: canonicalHash(r),
    generatedAt: '2024-05-10T19:45:12.345Z',
  };
}

describe('the result exports', () => {
  itWithSchema(
    'NIST SP 1500-100: validates against the official schema, partial or certified',
    () => {
      const validate = validator();
      const partial = nistElectionReport(exportInput(results(3), 'partial'));
      expect(validate(partial)).toEqual([]);
      expect(partial['Status']).toBe('unofficial-partial');
      const certified = nistElectionReport(exportInput(results(), 'certified'));
      expect(validate(certified)).toEqual([]);
      expect(certified['Status']).toBe('certified');
      // The schema is really applied: an unknown property or a bad status is refused.
      expect(validate({ ...certified, Extra: 1 })).not.toEqual([]);
      expect(validate({ ...certified, Status: 'final' })).not.toEqual([]);
    },
  );

  it('NIST SP 1500-100: carries every count, units composed, winners marked', () => {
    const r = results();
    const report = nistElectionReport(exportInput(r, 'final')) as {
      GpUnit: { '@id': string; ComposingGpUnitIds?: string[] }[];
      Election: {
        Candidate: { '@id': string; PostElectionStatus?: string }[];
        Contest: { ContestSelection: { VoteCounts: { GpUnitId: string; Count: number }[] }[] }[];
      }[];
    };
    expect(report.GpUnit).toHaveLength(1 + 3 + 4 + 5);
    expect(report.GpUnit[0]?.ComposingGpUnitIds).toEqual([
      'ru-zonehq-h1',
      'ru-zonehq-h2',
      'ru-zonehq-h3',
    ]);
    const [election] = report.Election;
    const first = election?.Contest[0]?.ContestSelection[0]?.VoteCounts;
    expect(first?.find((v) => v.GpUnitId === 'ru-constituency-tehran')?.Count).toBe(10);
    expect(first?.find((v) => v.GpUnitId === 'ru-branch-b1')?.Count).toBe(2);
    const statuses = election?.Candidate.map((c) => c.PostElectionStatus);
    expect(statuses?.filter((s) => s === 'winner')).toHaveLength(16);
  });

  it('CSV: one row per candidate per reporting branch, quoted where needed', () => {
    const csv = resultsCsv(exportInput(results(2), 'partial'));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(RESULTS_CSV_HEADER.join(','));
    expect(lines).toHaveLength(1 + 2 * 32 + 1);
    expect(lines[1]).toBe('b1,h1,z1,4,1,101,نامزد 101,"Candidate ""101"", Jr.",2');
    expect(lines.at(-1)).toBe('');
  });

  it('minutes: a Persian, print-ready page with every figure, Jalali dates and the signers', () => {
    const r = results();
    const html = constituencyMinutesHtml({
      ...exportInput(r, 'certified'),
      csvHash: sha256Hex('csv'),
      signers: [
        {
          name: { fa: 'مریم احمدی', en: 'Maryam Ahmadi' },
          role: 'supervisory-board',
          signedAt: '2024-05-11T08:00:00Z',
        },
        { name: { fa: 'علی رضایی', en: 'Ali Rezaei' }, role: 'executive-board' },
      ],
    });
    expect(html).toMatch(/^<!doctype html>\n<html lang="fa" dir="rtl">/);
    expect(html).toContain('۲۱ اردیبهشت ۱۴۰۳');
    expect(html).toContain('مریم احمدی');
    expect(html).toContain('عضو هیات اجرایی');
    expect(html).toContain(faNumber(r.constituency.ballotsCast));
    expect(html).toContain(faPercent(r.turnout.basisPoints));
    expect(html).toContain('شعبه &lt;b1&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:/);
    // No Latin digit in any figure cell: every number is in Persian digits.
    for (const cell of html.match(/<td class="n">[^<]*<\/td>/g) ?? [])
      expect(cell).not.toMatch(/[0-9]/);
    expect(faNumber(1_234_567)).toBe('۱٬۲۳۴٬۵۶۷');
    expect(faPercent(789)).toBe('۷٫۸۹٪');
  });
});
