import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '@sandogh/core';

/**
 * Who made a request, as the audit log names them (law 6: who). The access layer (issue 3)
 * calls `setAuditActor` once it has authenticated a caller — a staff member with role and
 * scope, or a device by its signature — and every `audit.record(entry, request)` after that
 * names them. A request nobody vouched for is `anonymous`. A WeakMap rather than a request
 * decoration: nothing to declare on Fastify's types, and nothing outlives the request.
 */
const actors = new WeakMap<FastifyRequest, AuditActor>();

export function setAuditActor(request: FastifyRequest, actor: AuditActor): void {
  actors.set(request, actor);
}

export function auditActorOf(request: FastifyRequest): AuditActor {
  return actors.get(request) ?? { kind: 'anonymous' };
}
