import { problemCatalog } from './errors.js';

/** The operators' and integrators' reference of every stable error code, from the catalogue. */
export function renderErrorsDoc(): string {
  const lines = [
    '# Error codes',
    '',
    'Generated from `packages/core/src/errors.ts` by `npm run docs:errors`; do not edit by hand.',
    '',
    'Every failure in the HTTP API, the CLI and the station has one shape:',
    '`{ code, message: { fa, en }, path?, details? }`. When several problems are found at once',
    '(for example every fault of an election definition), the answer names the first and lists',
    'all of them in `details.problems`. `{name}` stands for a value given in `details`.',
    '',
    '| code | HTTP | English | فارسی |',
    '|---|---|---|---|',
  ];
  for (const [code, entry] of Object.entries(problemCatalog)) {
    const cell = (s: string) => s.replaceAll('|', '\\|');
    lines.push(`| \`${code}\` | ${entry.status} | ${cell(entry.en)} | ${cell(entry.fa)} |`);
  }
  return `${lines.join('\n')}\n`;
}
