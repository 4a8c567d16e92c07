import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generalProblems, problemCatalog } from './errors.js';
import { accessProblems } from './catalog/access.js';
import { auditProblems } from './catalog/audit.js';
import { tallyProblems } from './catalog/tally.js';
import { renderErrorsDoc } from './errorsDoc.js';

describe('the error catalogue', () => {
  it('is documented in docs/ERRORS.md exactly as generated (run npm run docs:errors)', () => {
    const onDisk = readFileSync(new URL('../../../docs/ERRORS.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderErrorsDoc());
  });

  it('gives every code a Persian and an English message and an HTTP status', () => {
    for (const [code, entry] of Object.entries(problemCatalog)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(entry.fa.length).toBeGreaterThan(0);
      expect(entry.en.length).toBeGreaterThan(0);
      expect(entry.fa).toMatch(/[\u0600-\u06FF]/);
      expect(entry.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const entry of Object.values(problemCatalog))
      expect(names(entry.fa)).toEqual(names(entry.en));
  });
});

describe('the area catalogues', () => {
  it('never define the same code twice (a later spread would silently replace an earlier one)', () => {
    const parts = [generalProblems, accessProblems, auditProblems, tallyProblems].map((c) =>
      Object.keys(c),
    );
    const all = parts.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(Object.keys(problemCatalog)).toHaveLength(all.length);
  });
});
