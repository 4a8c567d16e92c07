import { tehranLocalToInstant, toLatinDigits } from '../format.js';
import type { AuditActorKind, AuditOutcome } from '../types.js';

/**
 * The audit browser's filters as typed in its form, and the query of
 * `GET /api/v1/audit/entries` they become (packages/hq/src/audit/routes.ts). Times are typed on
 * Tehran's clock, the election's, and sent as UTC instants.
 */
export interface AuditFilters {
  /** An event code, or a prefix of whole segments: "access" matches "access.login.failed". */
  readonly action: string;
  readonly outcome: AuditOutcome | '';
  readonly actorKind: AuditActorKind | '';
  readonly actorId: string;
  readonly objectType: string;
  readonly objectId: string;
  /** `datetime-local` values on Tehran's clock. */
  readonly from: string;
  readonly to: string;
}

export const NO_FILTERS: AuditFilters = {
  action: '',
  outcome: '',
  actorKind: '',
  actorId: '',
  objectType: '',
  objectId: '',
  from: '',
  to: '',
};

/** The event areas offered as suggestions (docs/AUDIT.md lists every code). */
export const EVENT_AREAS = [
  'access',
  'access.login',
  'access.login.succeeded',
  'access.login.failed',
  'access.refused',
  'access.session',
  'audit',
  'ceremony',
  'election',
  'system',
] as const;

export const PAGE_SIZE = 25;

/** Sequence numbers start at 1: paging "before" this one starts at the newest entry. */
export const NEWEST = Number.MAX_SAFE_INTEGER;

export type FilterQuery = Readonly<Record<string, string | number | undefined>>;

/** The query of one page, newest first, before `cursor`; empty filters are left out. */
export function entriesQuery(filters: AuditFilters, cursor: number): FilterQuery {
  const text = (value: string) => {
    const trimmed = toLatinDigits(value).trim();
    return trimmed === '' ? undefined : trimmed;
  };
  return {
    action: text(filters.action)?.toLowerCase(),
    outcome: filters.outcome === '' ? undefined : filters.outcome,
    actorKind: filters.actorKind === '' ? undefined : filters.actorKind,
    actorId: text(filters.actorId),
    objectType: text(filters.objectType),
    objectId: text(filters.objectId),
    from: tehranLocalToInstant(filters.from),
    to: tehranLocalToInstant(filters.to),
    before: cursor,
    limit: PAGE_SIZE,
  };
}
