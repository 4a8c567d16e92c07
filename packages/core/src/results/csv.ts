import type { ResultsExportInput } from './exportInput.js';

/**
 * The result as CSV (RFC 4180, UTF-8, CRLF line ends): one row per candidate per reporting
 * branch, with the branch's zone HQ, zone, ballots cast and blank ballots repeated on each of its
 * rows so that every row stands alone in a spreadsheet. Branches that have not reported are
 * left out (the NIST export and the minutes say how many there are).
 */

export const RESULTS_CSV_HEADER = [
  'branch_id',
  'zone_hq_id',
  'zone_id',
  'ballots_cast',
  'blank_ballots',
  'candidate_code',
  'candidate_name_fa',
  'candidate_name_en',
  'votes',
] as const;

/** Quotes a field when it holds a comma, a quote or a line break (RFC 4180 §2). */
function field(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function resultsCsv(input: ResultsExportInput): string {
  const names = new Map(input.definition.candidates.map((c) => [c.code, c.name]));
  const rows: (string | number)[][] = [[...RESULTS_CSV_HEADER]];
  for (const branch of input.results.branches) {
    if (!branch.reported) continue;
    for (const entry of branch.votes) {
      const name = names.get(entry.code);
      rows.push([
        branch.id,
        branch.zoneHqId,
        branch.zoneId,
        branch.ballotsCast,
        branch.blankBallots,
        entry.code,
        name?.fa ?? '',
        name?.en ?? '',
        entry.votes,
      ]);
    }
  }
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
