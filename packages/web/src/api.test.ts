import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, problemOf, query, whenSignedOut } from './api.js';

const refusal = (code: string) => ({ code, message: { fa: 'رد شد', en: 'Refused' } });

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  whenSignedOut(undefined);
});

describe('calling the HQ', () => {
  it('sends the CSRF token on a state change and never on a read', async () => {
    const fetch = vi.fn(() => Promise.resolve(answer(200, { ok: 1 })));
    vi.stubGlobal('fetch', fetch);
    await call('/api/v1/session/logout', { method: 'POST', csrfToken: 'tok' });
    await call('/api/v1/session/me', { csrfToken: 'tok' });
    const [post, get] = fetch.mock.calls.map((c) => (c as unknown[])[1] as RequestInit);
    expect(post?.headers).toMatchObject({ 'x-csrf-token': 'tok' });
    expect(post?.credentials).toBe('same-origin');
    expect(get?.headers).not.toHaveProperty('x-csrf-token');
  });

  it("returns the HQ's refusal as it came, first of a list too", async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(answer(404, refusal('TRACKING_CODE_NOT_FOUND'))));
    expect(await call('/api/v1/tracking/x')).toEqual({
      ok: false,
      status: 404,
      problem: refusal('TRACKING_CODE_NOT_FOUND'),
    });
    expect(problemOf({ problems: [refusal('A'), refusal('B')] })?.code).toBe('A');
    expect(problemOf({ code: 'X' })).toBeUndefined();
    expect(problemOf(null)).toBeUndefined();
  });

  it('says the HQ did not answer when the network fails or the answer is not JSON', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('offline')));
    expect(await call('/api/v1/election')).toEqual({ ok: false, status: 0, problem: undefined });
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('<html>', { status: 502 })));
    expect(await call('/api/v1/election')).toEqual({ ok: false, status: 502, problem: undefined });
  });

  it('forgets the account when the HQ says the session is gone, and only then', async () => {
    const signedOut = vi.fn();
    whenSignedOut(signedOut);
    vi.stubGlobal('fetch', () => Promise.resolve(answer(403, refusal('ACCESS_FORBIDDEN'))));
    await call('/api/v1/audit/entries');
    expect(signedOut).not.toHaveBeenCalled();
    vi.stubGlobal('fetch', () => Promise.resolve(answer(401, refusal('ACCESS_SESSION_ENDED'))));
    await call('/api/v1/audit/entries');
    expect(signedOut).toHaveBeenCalledTimes(1);
  });

  it('builds query strings without the empty filters', () => {
    expect(query({ a: 'x y', b: '', c: undefined, d: 0 })).toBe('?a=x+y&d=0');
    expect(query({ b: '' })).toBe('');
  });
});
