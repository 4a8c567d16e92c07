import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { call, whenSignedOut, type ApiResult } from './api.js';
import type { Me } from './types.js';

/**
 * Who is signed in, from the HQ's session routes (docs/SECURITY.md "Sessions"): the cookie is
 * HttpOnly, so the app learns of its session only by asking `GET /api/v1/session/me`, and holds
 * the CSRF token it answers with in memory, never in storage.
 */
export interface SessionState {
  /** undefined while asking; null when nobody is signed in. */
  readonly me: Me | null | undefined;
  readonly signIn: (username: string, password: string, totp: string) => Promise<ApiResult<Me>>;
  readonly signOut: () => Promise<void>;
  /** Asks the HQ again who is signed in (after a password change, for instance). */
  readonly refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function SessionProvider(props: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    // A session that ended on the HQ (idle or absolute timeout, signed out elsewhere) is
    // forgotten here at its first refusal, so the header stops claiming it.
    whenSignedOut(() => {
      setMe(null);
    });
    return () => {
      whenSignedOut(undefined);
    };
  }, []);

  useEffect(() => {
    let live = true;
    void call<Me>('/api/v1/session/me').then((answer) => {
      if (live) setMe(answer.ok ? answer.value : null);
    });
    return () => {
      live = false;
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string, totp: string) => {
    const answer = await call<Me>('/api/v1/session/login', {
      method: 'POST',
      body: { username, password, totp },
    });
    if (answer.ok) setMe(answer.value);
    return answer;
  }, []);

  const signOut = useCallback(async () => {
    await call('/api/v1/session/logout', { method: 'POST', csrfToken: me?.csrfToken });
    setMe(null);
  }, [me]);

  const refresh = useCallback(async () => {
    const answer = await call<Me>('/api/v1/session/me');
    setMe(answer.ok ? answer.value : null);
  }, []);

  const state = useMemo(() => ({ me, signIn, signOut, refresh }), [me, signIn, signOut, refresh]);
  return <SessionContext.Provider value={state}>{props.children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (state === undefined) throw new Error('useSession outside SessionProvider');
  return state;
}
