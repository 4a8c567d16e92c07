import type { AuditActorKind, AuditOutcome } from '@sandogh/core';
import type { Store } from '../store.js';
import { auditDb, entryFromRow, type StoredAuditEntry } from './tables.js';

export interface AuditEntryFilter {
  /** An event code or a prefix of whole segments: `access` matches `access.login.failed`. */
  readonly action?: string;
  readonly actorKind?: AuditActorKind;
  readonly actorId?: string;
  readonly outcome?: AuditOutcome;
  readonly objectType?: string;
  readonly objectId?: string;
  readonly electionId?: string;
  /** Occurred at or after this instant (UTC ISO 8601). */
  readonly from?: string;
  /** Occurred before this instant. */
  readonly to?: string;
  /** Paging by sequence: entries after this one (ascending) … */
  readonly after?: number;
  /** … or before this one (descending, newest first). */
  readonly before?: number;
  readonly limit?: number;
}

export interface AuditEntryPage {
  readonly entries: readonly StoredAuditEntry[];
  /** The sequence to pass as `after` (or `before`) for the next page; undefined at the end. */
  readonly next: number | undefined;
}

/**
 * Entries matching every given filter, one page at a time by sequence (keyset paging: each
 * page is an index range, however deep into ten million entries). For the supervisors'
 * browser and `GET /api/v1/audit/entries`; verification reads the raw pages itself.
 */
export async function listAuditEntries(
  store: Store,
  filter: AuditEntryFilter = {},
): Promise<AuditEntryPage> {
  const limit = filter.limit ?? 100;
  const descending = filter.before !== undefined;
  let query = auditDb(store.db).selectFrom('audit_log').selectAll();
  if (filter.action !== undefined) {
    const prefix = filter.action;
    // Codes hold only [a-z0-9.-] (the route's schema), so LIKE needs no escaping.
    query = query.where((eb) =>
      eb.or([eb('action', '=', prefix), eb('action', 'like', `${prefix}.%`)]),
    );
  }
  if (filter.actorKind !== undefined) query = query.where('actor_kind', '=', filter.actorKind);
  if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
  if (filter.outcome !== undefined) query = query.where('outcome', '=', filter.outcome);
  if (filter.objectType !== undefined) query = query.where('object_type', '=', filter.objectType);
  if (filter.objectId !== undefined) query = query.where('object_id', '=', filter.objectId);
  if (filter.electionId !== undefined) query = query.where('election_id', '=', filter.electionId);
  if (filter.from !== undefined) query = query.where('occurred_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('occurred_at', '<', filter.to);
  query = descending
    ? query.where('sequence', '<', filter.before ?? 0).orderBy('sequence', 'desc')
    : query.where('sequence', '>', filter.after ?? 0).orderBy('sequence', 'asc');
  const rows = await query.limit(limit + 1).execute();
  const entries = rows.slice(0, limit).map(entryFromRow);
  return { entries, next: rows.length > limit ? entries.at(-1)?.sequence : undefined };
}
