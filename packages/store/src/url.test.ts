import { describe, expect, it } from 'vitest';
import { parseStoreUrl, redactStoreUrl } from './url.js';

describe('store address', () => {
  it.each([
    ['sqlite:/var/lib/sandogh/hq.sqlite', '/var/lib/sandogh/hq.sqlite'],
    ['sqlite:.sandogh/hq.sqlite', '.sandogh/hq.sqlite'],
    ['sqlite:///var/lib/hq.sqlite', '/var/lib/hq.sqlite'],
    ['SQLite:/x.sqlite', '/x.sqlite'],
    ['/var/lib/sandogh/hq.sqlite', '/var/lib/sandogh/hq.sqlite'],
    ['hq.sqlite', 'hq.sqlite'],
    ['sqlite::memory:', ':memory:'],
  ])('reads %s as the SQLite file %s', (url, path) => {
    expect(parseStoreUrl(url)).toEqual({ ok: true, value: { engine: 'sqlite', path } });
  });

  it.each([
    'postgres://root@127.0.0.1:5432/test',
    'postgresql://u:p@db.example/hq?sslmode=require',
    'postgres:///test?host=/var/run/postgresql',
  ])('reads %s as PostgreSQL', (url) => {
    const parsed = parseStoreUrl(url);
    expect(parsed.ok && parsed.value.engine).toBe('postgres');
  });

  it.each([
    '',
    '   ',
    'mysql://root@localhost/x',
    'http://example.com',
    'sqlite:',
    'sqlite://host/file',
    'postgres:test',
    'postgres://[bad',
    'a\0b',
  ])('refuses %j with STORE_URL_INVALID', (url) => {
    const parsed = parseStoreUrl(url);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe('STORE_URL_INVALID');
  });

  it('never shows a password in a message', () => {
    expect(redactStoreUrl('postgres://hq:s3cret@db:5432/x')).toBe('postgres://hq:***@db:5432/x');
    const parsed = parseStoreUrl('mysql://hq:s3cret@db/x');
    expect(JSON.stringify(parsed)).not.toContain('s3cret');
    const pg = parseStoreUrl('postgres://hq:s3cret@db/x');
    expect(pg.ok && pg.value.engine === 'postgres' && pg.value.display).toBe(
      'postgres://hq:***@db/x',
    );
  });
});
