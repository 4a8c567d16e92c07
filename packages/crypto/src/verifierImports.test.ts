import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// Code that produces records: the verifier must reach none of it (issue 6, DESIGN law 7).
const PRODUCERS = [
  'ballot.ts',
  'ceremony.ts',
  'decryption.ts',
  'tally.ts',
  'recount.ts',
  'recordBuilder.ts',
  'demoElection.ts',
  'secretFile.ts',
  'dlog.ts',
  'testSupport.ts',
];

function importsOf(file: string): string[] {
  const src = readFileSync(join(here, file), 'utf8');
  return [...src.matchAll(/^\s*(?:import|export)[^'"]*from\s+'(\.\/[^']+)\.js';/gm)].map(
    (m) => `${(m[1] ?? '').slice(2)}.ts`,
  );
}

function closure(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const f = todo.pop();
    if (f === undefined || seen.has(f)) continue;
    seen.add(f);
    todo.push(...importsOf(f));
  }
  return seen;
}

describe('verifier independence', () => {
  it('imports only the profile primitives, never the code that produces a record', () => {
    for (const entry of ['verifier.ts', 'verifyWorker.ts']) {
      const reached = closure(entry);
      expect([...reached].filter((f) => PRODUCERS.includes(f))).toEqual([]);
      expect([...reached].some((f) => f.includes('@sandogh'))).toBe(false);
    }
  });

  it('the package imports no other @sandogh package', () => {
    for (const f of closure('index.ts'))
      expect(readFileSync(join(here, f), 'utf8')).not.toMatch(/from '@sandogh\//);
  });
});
