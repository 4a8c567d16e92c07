import type { FastifyReply } from 'fastify';
import { problem } from '@sandogh/core';
import { currentElection } from '@sandogh/store';
import type { HqContext } from '../context.js';
import { sendProblems } from './problems.js';

/**
 * The loaded election's id, or — when none is loaded — DEFINITION_NOT_LOADED already sent on
 * `reply` and undefined returned: the first step of every route that works within an election.
 */
export async function loadedElectionId(
  ctx: Pick<HqContext, 'store'>,
  reply: FastifyReply,
): Promise<string | undefined> {
  const election = await currentElection(ctx.store);
  if (election === undefined) await sendProblems(reply, [problem('DEFINITION_NOT_LOADED')]);
  return election?.id;
}
