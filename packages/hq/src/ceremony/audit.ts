import type { FastifyRequest } from 'fastify';
import { problem, type Problem, type ProblemCode } from '@sandogh/core';
import type { AuditRecord } from '../audit/recorder.js';
import { namedBoardMembers } from './manifest.js';
import type { LoadedCeremony } from './rules.js';

/**
 * The key ceremony on the audit log (law 6, issue 3): every step a board member takes, and
 * every refusal, as `results.*` entries naming the ceremony and the member numbers — never a
 * share, a secret or a proof, which live in the ceremony's own tables.
 */

export type CeremonyStep =
  'manifest' | 'commitment' | 'announcement' | 'sharebox' | 'complaint' | 'partial';

export function ceremonyObject(loaded: LoadedCeremony) {
  return { type: 'ceremony', id: loaded.ceremony.id };
}

export function ceremonyRefused(
  step: CeremonyStep,
  answered: readonly Problem[],
  loaded?: LoadedCeremony,
): AuditRecord {
  return {
    action: 'results.ceremony.refused',
    outcome: 'refused',
    reason: (answered[0]?.code ?? 'INPUT_INVALID') as ProblemCode,
    ...(loaded === undefined
      ? {}
      : { electionId: loaded.ceremony.electionId, object: ceremonyObject(loaded) }),
    details: { step },
  };
}

/**
 * A member sends only their own messages: when the manifest names the board by staff id
 * (`extra.boardMembers`, the definition's supervisory board), seat i belongs to the i-th named
 * member and nobody else may speak for it — not even another board member. A manifest that
 * names nobody (a board not listed in the definition) binds seats by the members' keys alone.
 */
export function seatRefusal(
  loaded: LoadedCeremony,
  request: FastifyRequest,
  member: number,
): Problem | undefined {
  const named = namedBoardMembers(loaded.manifest);
  // No named board, or a seat that does not exist: the ceremony's own checks answer that.
  if (named === undefined || member < 1 || member > named.length) return undefined;
  const staffId = request.access?.who?.account.staffId ?? null;
  const seat = staffId === null ? 0 : named.indexOf(staffId) + 1;
  return seat === member ? undefined : problem('CEREMONY_NOT_YOUR_SEAT', { member, seat });
}
