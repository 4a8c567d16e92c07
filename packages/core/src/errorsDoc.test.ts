import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generalProblems, problemCatalog } from './errors.js';
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
  it('never define the same code twice (a later spread would silently replace an earlier one)', async () => {
    // Every `<area>Problems` object of every file in catalog/, found on disk: a new area's
    // catalogue is checked without anyone remembering to list it here.
    const dir = new URL('./catalog/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const areas: Record<string, unknown>[] = [generalProblems];
    for (const file of files) {
      const module = (await import(new URL(file, dir).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module))
        if (name.endsWith('Problems') && typeof value === 'object' && value !== null)
          areas.push(value as Record<string, unknown>);
    }
    const all = areas.flatMap((c) => Object.keys(c));
    const twice = all.filter((code, i) => all.indexOf(code) !== i);
    expect(twice).toEqual([]);
    expect(Object.keys(problemCatalog).sort()).toEqual([...all].sort());
  });
});
