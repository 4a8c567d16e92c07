import { err, ok, problem, type Problem, type Result } from '@sandogh/core';

/**
 * Where a store lives, parsed from the one address an operator gives (`SANDOGH_DATABASE_URL`,
 * a CLI flag): SQLite is the embedded default of a fresh machine and of every station,
 * PostgreSQL the HQ store of a real deployment (DESIGN §6).
 */
export type StoreLocation =
  | { readonly engine: 'sqlite'; readonly path: string }
  | { readonly engine: 'postgres'; readonly connectionString: string; readonly display: string };

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
/** `C:\…` and `C:/…` are paths, not a scheme called `c`. */
const DRIVE = /^[A-Za-z]:[\\/]/;

/**
 * Shows an address with its password masked: the address goes into error messages and logs,
 * where a secret must never appear (DESIGN §9 "Keys", by the same reasoning).
 */
export function redactStoreUrl(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^:/@?#]*):[^@/?#]*@/, '$1:***@');
}

function invalid(url: string, reason: string): Result<never, Problem> {
  return err(problem('STORE_URL_INVALID', { url: redactStoreUrl(url), reason }));
}

/**
 * Accepts `sqlite:/path/file.sqlite`, `sqlite:relative/file.sqlite`, `sqlite:///abs/file.sqlite`,
 * a bare path (→ SQLite), and `postgres://…` / `postgresql://…` (→ PostgreSQL, any form that
 * node-postgres understands, including `?host=/socket/dir`).
 */
export function parseStoreUrl(url: string): Result<StoreLocation, Problem> {
  const trimmed = url.trim();
  if (trimmed === '') return invalid(url, 'empty');
  if (trimmed.includes('\0')) return invalid(url, 'contains a NUL character');
  const scheme = DRIVE.test(trimmed) ? undefined : SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined) return ok({ engine: 'sqlite', path: trimmed });
  if (scheme === 'sqlite') {
    let path = trimmed.slice('sqlite:'.length);
    if (path.startsWith('//')) {
      path = path.slice(2);
      if (!path.startsWith('/'))
        return invalid(url, 'sqlite:// takes no host; use sqlite:/absolute/path');
    }
    if (path === '' || path.startsWith('?')) return invalid(url, 'no file path');
    return ok({ engine: 'sqlite', path });
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    if (!trimmed.slice(scheme.length + 1).startsWith('//'))
      return invalid(url, 'expected postgres://');
    try {
      new URL(trimmed);
    } catch {
      return invalid(url, 'not a valid URL');
    }
    return ok({ engine: 'postgres', connectionString: trimmed, display: redactStoreUrl(trimmed) });
  }
  return invalid(url, `unsupported scheme "${scheme}"`);
}
