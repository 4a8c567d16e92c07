/**
 * The HQ's HTTP API as the web app calls it: same origin, JSON, the session in an HttpOnly
 * cookie the app never reads, and the session's CSRF token in `x-csrf-token` on every request
 * that changes something (docs/SECURITY.md "Sessions and CSRF"). A refusal comes back as the
 * HQ's one error shape, whose Persian and English messages the screens show as they are.
 */

export interface Problem {
  readonly code: string;
  readonly message: { readonly fa: string; readonly en: string };
  readonly path?: readonly (string | number)[];
  readonly details?: unknown;
}

export type ApiResult<T> =
  | { readonly ok: true; readonly value: T }
  /** `problem` is undefined when the HQ did not answer at all, or not in its error shape. */
  | { readonly ok: false; readonly status: number; readonly problem: Problem | undefined };

export interface CallOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  /** The session's anti-forgery token; required by the HQ on cookie-borne state changes. */
  readonly csrfToken?: string | undefined;
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { code?: unknown; message?: { fa?: unknown; en?: unknown } };
  return (
    typeof v.code === 'string' &&
    typeof v.message?.fa === 'string' &&
    typeof v.message.en === 'string'
  );
}

/** The first problem of an answer: the HQ sends one problem, or `{ problems: [...] }`. */
export function problemOf(body: unknown): Problem | undefined {
  if (isProblem(body)) return body;
  const list = (body as { problems?: unknown } | null)?.problems;
  return Array.isArray(list) && isProblem(list[0]) ? list[0] : undefined;
}

/** Refusals that mean the session is gone (ended, timed out, never there). */
const SIGNED_OUT = new Set(['ACCESS_NOT_SIGNED_IN', 'ACCESS_SESSION_ENDED']);
let onSignedOut: (() => void) | undefined;

/** Told whenever the HQ answers that no session is live, so the app forgets its account. */
export function whenSignedOut(listener: (() => void) | undefined): void {
  onSignedOut = listener;
}

export async function call<T>(path: string, options: CallOptions = {}): Promise<ApiResult<T>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.csrfToken !== undefined && method !== 'GET')
    headers['x-csrf-token'] = options.csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  } catch {
    return { ok: false, status: 0, problem: undefined };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (response.ok) return { ok: true, value: body as T };
  const problem = problemOf(body);
  if (response.status === 401 && problem !== undefined && SIGNED_OUT.has(problem.code))
    onSignedOut?.();
  return { ok: false, status: response.status, problem };
}

/** A query string of the given values; empty and undefined ones are left out. */
export function query(values: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
