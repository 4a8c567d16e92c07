import type { Store } from '@sandogh/store';

/** What every HQ module receives: the store and the server's own state. */
export interface HqContext {
  readonly store: Store;
  /** True once shutdown began: readiness fails so a load balancer stops sending work. */
  readonly draining: () => boolean;
}
