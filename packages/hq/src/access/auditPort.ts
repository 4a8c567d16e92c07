import type { FastifyRequest } from 'fastify';
import {
  AuditEntryError,
  type AuditAction,
  type AuditDetails,
  type AuditEntryInput,
  type AuditOutcome,
  type ProblemCode,
} from '@sandogh/core';
import { scopeLabel, type AccountRecord } from '@sandogh/store';
import type { HqContext } from '../context.js';

/**
 * The one place where access control writes to the audit log (law 6, issue 3): every sign-in,
 * sign-out and refusal of a signed-in caller, through the HQ context's `audit.record`, as
 * entries of the `access.*` kinds of core's audit table. Wiring it differently later is an
 * edit here and nowhere else.
 */

/** A test's view of every entry the port writes (BuildOptions.auditTap). */
export type AuditTap = (entry: AuditEntryInput) => void;

export interface AccessEvent {
  /** An `access.*` event kind of the audit table. */
  readonly action: Extract<AuditAction, `access.${string}`>;
  readonly outcome: AuditOutcome;
  /** The catalogued code of a refusal (required for, and only for, `refused`). */
  readonly reason?: ProblemCode;
  /** Who: by default the signed-in caller, else nobody identified. */
  readonly actor?: AccountRecord | 'system' | 'anonymous';
  readonly object?: { readonly type: string; readonly id?: string };
  /** Facts only: never a secret or a person's data (core's checkDetails refuses the usual ones). */
  readonly details?: AuditDetails;
}

function actorOf(
  actor: AccountRecord | 'system' | 'anonymous' | undefined,
): AuditEntryInput['actor'] {
  if (actor === 'system') return { kind: 'system', id: 'hq' };
  if (actor === undefined || actor === 'anonymous') return { kind: 'anonymous' };
  return { kind: 'staff', id: actor.username, role: actor.role, scope: scopeLabel(actor.scope) };
}

/** The address as the log accepts it (IPv4, IPv6; anything odd is dropped, not recorded). */
function sourceOf(request: FastifyRequest): string | null {
  return /^[0-9A-Za-z.:%_-]{1,100}$/.test(request.ip) ? request.ip : null;
}

export function accessEntry(
  request: FastifyRequest,
  event: AccessEvent,
  nowMs: number,
): AuditEntryInput {
  const account =
    event.actor === undefined
      ? request.access?.who?.account
      : typeof event.actor === 'string'
        ? undefined
        : event.actor;
  return {
    action: event.action,
    outcome: event.outcome,
    actor: actorOf(event.actor ?? request.access?.who?.account),
    electionId: account?.electionId ?? null,
    occurredAt: new Date(nowMs).toISOString(),
    object:
      event.object === undefined ? null : { type: event.object.type, id: event.object.id ?? null },
    reason: event.reason ?? null,
    sourceAddress: sourceOf(request),
    details: event.details ?? null,
  };
}

/**
 * Records an access event. A store failure is logged, not thrown: the refusal or the sign-in
 * it describes has already been decided (docs/SECURITY.md says what that leaves open).
 */
export async function recordAccessEvent(
  ctx: HqContext,
  request: FastifyRequest,
  event: AccessEvent,
): Promise<void> {
  const control = request.server.accessControl;
  const entry = accessEntry(request, event, control.settings.clock());
  if (event.outcome === 'refused' && request.access !== null) request.access.audited = true;
  control.tap?.(entry);
  request.log.info(
    { audit: entry.action, outcome: entry.outcome, reason: entry.reason },
    'access event',
  );
  try {
    await ctx.audit.record(entry, request);
  } catch (error) {
    // An entry the table refuses is a programmer error: it must fail loudly, in tests first.
    if (error instanceof AuditEntryError) throw error;
    request.log.error(
      { err: error, audit: entry.action },
      'audit: an access event was not recorded',
    );
  }
}
