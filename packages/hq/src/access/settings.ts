import { STAFF_PASSWORD_PARAMS, type ScryptParams, type SessionTimeouts } from '@sandogh/store';
import type { HqConfig } from '../config.js';

/** The access settings of one server, from its configuration (docs/SECURITY.md). */
export interface AccessSettings {
  readonly cookieSecure: boolean;
  /** `__Host-` when secure: the browser then refuses it from any other origin or path. */
  readonly cookieName: string;
  readonly timeouts: SessionTimeouts;
  readonly passwordParams: ScryptParams;
  readonly rateLimits: {
    readonly loginPerAddress: number;
    readonly loginPerUsername: number;
    readonly publicPerAddress: number;
  };
  /** Milliseconds since the epoch; injectable so tests can move time (lockout, timeouts). */
  readonly clock: () => number;
}

export function accessSettings(config: HqConfig, clock: () => number = Date.now): AccessSettings {
  return {
    cookieSecure: config.cookieSecure,
    cookieName: config.cookieSecure ? '__Host-sandogh-session' : 'sandogh-session',
    timeouts: {
      idleMs: config.sessionIdleMinutes * 60_000,
      absoluteMs: config.sessionAbsoluteHours * 60 * 60_000,
    },
    passwordParams: { ...STAFF_PASSWORD_PARAMS, logN: config.passwordScryptLogN },
    rateLimits: {
      loginPerAddress: config.loginRateLimitPerMinute,
      loginPerUsername: config.loginUsernameRateLimitPerMinute,
      publicPerAddress: config.publicRateLimitPerMinute,
    },
    clock,
  };
}
