import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTOR_KINDS, AUDIT_OUTCOMES } from '../types.js';
import { createI18n, resources } from './index.js';

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const fa = flatten(resources.fa.translation);
const en = flatten(resources.en.translation);
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Every .tsx/.ts file of the app (tests aside), for the keys it names literally. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sources(path);
    return /\.tsx?$/.test(d.name) && !d.name.includes('.test.') ? [path] : [];
  });
}

describe('the Persian and English strings', () => {
  it('have the same keys in both languages', () => {
    expect([...fa.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('leave no string empty', () => {
    for (const [lang, strings] of [
      ['fa', fa],
      ['en', en],
    ] as const)
      for (const [key, value] of strings) expect(value.trim(), `${lang} ${key}`).not.toBe('');
  });

  it('take the same placeholders in both languages', () => {
    for (const [key, value] of fa)
      expect(placeholders(value), key).toEqual(placeholders(en.get(key) ?? ''));
  });

  it('write Persian in Persian, apart from codes and names shown as they are', () => {
    const latinOnly = [...fa].filter(([, v]) => !/[\u0600-\u06FF]/.test(v)).map(([k]) => k);
    // The switch to English is written in English, for the reader who needs it.
    expect(latinOnly.filter((k) => !/^nav\.(otherLanguage|signedInAs)$/.test(k))).toEqual([]);
  });

  it('hold every key the screens name, literally or by family', () => {
    const root = new URL('..', import.meta.url).pathname;
    const named = new Set<string>();
    for (const file of sources(root))
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9.-]+)'/g))
        if (m[1] !== undefined) named.add(m[1]);
    const families = [
      ...AUDIT_OUTCOMES.map((o) => `audit.outcome.${o}`),
      ...AUDIT_ACTOR_KINDS.map((k) => `audit.actorKind.${k}`),
      ...['notFound', 'badCode', 'notPublished', 'error'].map((o) => `track.outcome.${o}`),
      ...['action', 'actorId', 'objectType', 'objectId'].map((k) => `audit.filter.${k}`),
      ...['chair', 'secretary'].map((r) => `account.trustee.${r}`),
      ...[
        'hq-staff',
        'zone-hq-staff',
        'governor-representative',
        'executive-board',
        'supervisory-board',
        'observer',
        'inspector',
        'branch-trustee',
        'it-committee',
        'support-committee',
        'candidate-representative',
      ].map((r) => `roles.${r}`),
    ];
    expect(named.size).toBeGreaterThan(50);
    for (const key of [...named, ...families]) expect(fa.has(key), key).toBe(true);
  });

  it('answer in the chosen language, Persian by default', () => {
    expect(createI18n('fa').t('nav.track')).toBe('پیگیری رای من');
    expect(createI18n('en').t('nav.track')).toBe('Check my ballot');
    expect(createI18n('en').t('scope.zone', { id: 'Z01' })).toBe('Zone Z01');
  });
});
