import type { FastifyRequest } from 'fastify';
import {
  civilTime,
  eligibilityProblem,
  problem,
  type NationalCode,
  type Problem,
  type ProblemCode,
} from '@sandogh/core';
import {
  openPollBook,
  pollbookElection,
  type CheckInOutcome,
  type CheckInRequest,
  type PollBook,
  type PollbookElection,
} from '@sandogh/store';
import type { HqContext } from '../context.js';
import type { AuditRecord } from '../audit/recorder.js';
import type { AuthenticatedDevice } from '../devices/authenticate.js';

/**
 * The HQ side of the poll book (issue 4): one group-committing PollBook per loaded election,
 * opened on first use, whose every batch writes its audit entries in its own transaction
 * (law 6) — one entry per check-in naming the device and the branch, never the voter (law 2).
 */

interface RequestMeta {
  readonly requestId: string;
  readonly ip: string;
}

export interface PollbookService {
  /** The poll book of the loaded election; undefined when none is loaded. */
  book(electionId: string): Promise<PollBook | undefined>;
  checkIn(
    request: FastifyRequest,
    device: AuthenticatedDevice,
    nationalCode: NationalCode,
  ): Promise<CheckInOutcome | 'busy' | 'no-election'>;
}

export function answerProblem(
  outcome: Exclude<CheckInOutcome, { kind: 'marked' }>,
  election: PollbookElection,
  branchId: string,
): Problem {
  switch (outcome.kind) {
    case 'already-voted':
      // Issue 4: the branch and the time of the earlier mark, and nothing more.
      return problem('POLLBOOK_ALREADY_VOTED', {
        branch: outcome.branchId,
        at: outcome.markedAt,
        atTehran: civilTime(outcome.markedAt, election.timeZone),
      });
    case 'not-in-registry':
      return problem('VOTER_NOT_IN_REGISTRY');
    case 'ineligible':
      return eligibilityProblem(outcome.refusal, outcome.voter, election.eligibility);
    case 'no-voting-device':
      return problem('POLLBOOK_NO_VOTING_DEVICE', { branch: branchId });
  }
}

export function checkInEntry(
  request: CheckInRequest,
  outcome: CheckInOutcome,
  election: PollbookElection,
  meta: RequestMeta | undefined,
): AuditRecord {
  const common = {
    electionId: election.electionId,
    actor: {
      kind: 'device' as const,
      id: request.deviceSerial,
      scope: `branch:${request.branchId}`,
    },
    sourceAddress: meta?.ip ?? null,
    object: { type: 'branch', id: request.branchId },
  };
  const requestId = meta?.requestId ?? null;
  if (outcome.kind === 'marked')
    return {
      ...common,
      action: 'pollbook.voter.checked-in',
      outcome: 'succeeded',
      details: { requestId, mode: 'online', replay: outcome.replay },
    };
  return {
    ...common,
    action: 'pollbook.checkin.refused',
    outcome: 'refused',
    reason: answerProblem(outcome, election, request.branchId).code as ProblemCode,
    details: { requestId },
  };
}

export function pollbookService(ctx: HqContext): PollbookService {
  const books = new Map<string, Promise<PollBook | undefined>>();
  const metas = new WeakMap<CheckInRequest, RequestMeta>();

  async function open(electionId: string): Promise<PollBook | undefined> {
    const election = await pollbookElection(ctx.store);
    if (election === undefined || election.electionId !== electionId) return undefined;
    return openPollBook(ctx.store, election, {
      alsoInTransaction: (trx, batch, outcomes) =>
        ctx.audit.recordIn(
          trx,
          batch.map((r, i) => {
            const outcome = outcomes[i];
            if (outcome === undefined) throw new Error('check-in batch lost an answer');
            return checkInEntry(r, outcome, election, metas.get(r));
          }),
        ),
    });
  }

  function book(electionId: string): Promise<PollBook | undefined> {
    let found = books.get(electionId);
    if (found === undefined) {
      found = open(electionId);
      books.set(electionId, found);
      // A failed or empty opening is retried by the next request, not remembered.
      void found.then(
        (b) => {
          if (b === undefined) books.delete(electionId);
        },
        () => books.delete(electionId),
      );
    }
    return found;
  }

  return {
    book,
    async checkIn(request, device, nationalCode) {
      const opened = await book(device.electionId);
      if (opened === undefined) return 'no-election';
      const checkIn: CheckInRequest = {
        nationalCode,
        branchId: device.branchId,
        deviceSerial: device.serial,
        messageId: device.message.id,
      };
      metas.set(checkIn, { requestId: request.id, ip: request.ip });
      return opened.checkIn(checkIn);
    },
  };
}
