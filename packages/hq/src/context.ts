import type { Store } from '@sandogh/store';
import type { HqAudit } from './audit/recorder.js';

/** What every HQ module receives: the store and the server's own state. */
export interface HqContext {
  readonly store: Store;
  /** True once shutdown began: readiness fails so a load balancer stops sending work. */
  readonly draining: () => boolean;
  /** The audit log: `audit.record(entry, request)` for every state change and refusal (law 6). */
  readonly audit: HqAudit;
}
