import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problem, ProblemError, type Problem, type ProblemCode } from '@sandogh/core';
import { verifyDeviceSignature } from '@sandogh/crypto';
import {
  applyBallotBatch,
  findDevice,
  stationDb,
  type HqSigningKey,
  type IncomingBallot,
} from '@sandogh/store';
import { sendProblems } from '../plugins/problems.js';
import type { HqContext } from '../context.js';
import { deviceOf } from '../devices/authenticate.js';
import { checkBatch, currentPackageHash, intakeContext, messageDigest } from './intake.js';
import { signedBallotBatch, swapFileSchema } from './schemas.js';

/**
 * Ballot intake (issue 5, laws 2–4; docs/STATION.md): voting devices deliver signed batches of
 * encrypted ballots, and a failed device's exported ballots are imported after a device swap.
 * Each message is applied exactly once (its id), each ballot stored once (its tracking code);
 * the audit entries name the batch and its size, never a ballot's place in it (law 2).
 */
const tags = ['ballots'];
const FILE_BODY_LIMIT = 256 * 1024 * 1024;
const BATCH_BODY_LIMIT = 8 * 1024 * 1024;

export interface BallotRouteOptions {
  readonly packageKey: HqSigningKey;
  /** Check every ballot's zero-knowledge proofs at intake too (default false: the verifier does). */
  readonly verifyProofs?: boolean;
}

const importBody = z.strictObject({
  branch: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
  file: swapFileSchema,
});

export function ballotRoutes(ctx: HqContext, options: BallotRouteOptions): FastifyPluginAsyncZod {
  const verifyProofs = options.verifyProofs ?? false;
  return (app) => {
    async function refuse(
      request: FastifyRequest,
      reply: FastifyReply,
      answered: Problem,
      details: Record<string, string | number>,
      electionId?: string,
    ): Promise<FastifyReply> {
      await ctx.audit.record(
        {
          action: 'ballots.batch.refused',
          outcome: 'refused',
          reason: answered.code as ProblemCode,
          ...(electionId === undefined ? {} : { electionId }),
          details,
        },
        request,
      );
      return sendProblems(reply, [answered]);
    }

    app.post(
      '/ballots',
      {
        bodyLimit: BATCH_BODY_LIMIT,
        config: { action: 'ballots.submit' },
        schema: {
          tags,
          summary: 'A voting device delivers a signed batch of encrypted ballots (exactly once)',
          body: signedBallotBatch,
        },
      },
      async (request, reply) => {
        const device = deviceOf(request);
        const { message } = request.body;
        const batchDetails = { messageId: message.id, count: message.body.batch.length };
        const intake = await intakeContext(ctx.store);
        if (!intake.ok) return refuse(request, reply, intake.error, batchDetails);
        const electionId = intake.value.electionId;
        const digest = messageDigest(request.body);
        // A retry of a message already applied is answered first, whatever changed since.
        const earlier = await stationDb(ctx.store.db)
          .selectFrom('device_messages')
          .select(['digest', 'ballot_count'])
          .where('election_id', '=', electionId)
          .where('message_id', '=', message.id)
          .executeTakeFirst();
        if (earlier !== undefined && earlier.digest === digest) {
          await ctx.audit.record(
            {
              action: 'ballots.batch.duplicate',
              outcome: 'succeeded',
              electionId,
              details: batchDetails,
            },
            request,
          );
          return {
            status: 'duplicate',
            messageId: message.id,
            stored: 0,
            again: earlier.ballot_count,
          };
        }
        const expected = await currentPackageHash(ctx.store, device.branchId, options.packageKey);
        if (expected !== message.body.package)
          return refuse(request, reply, problem('BALLOTS_PACKAGE_STALE'), batchDetails, electionId);
        const checked = checkBatch(intake.value, device.branchId, message.body, { verifyProofs });
        if (!checked.ok) return refuse(request, reply, checked.error, batchDetails, electionId);
        const applied = await ctx.store.transaction(async (trx) => {
          const r = await applyBallotBatch(trx, {
            electionId,
            messageId: message.id,
            digest,
            deviceSerial: device.serial,
            branchId: device.branchId,
            day: message.body.batch[0]?.day ?? '',
            kind: message.kind,
            ballots: checked.value,
          });
          if (r.ok)
            await ctx.audit.recordIn(
              trx,
              {
                action:
                  r.value.outcome === 'applied'
                    ? 'ballots.batch.received'
                    : 'ballots.batch.duplicate',
                outcome: 'succeeded',
                electionId,
                object: { type: 'branch', id: device.branchId },
                details: { ...batchDetails, stored: r.value.stored, again: r.value.again },
              },
              request,
            );
          return r;
        });
        if (!applied.ok) return refuse(request, reply, applied.error, batchDetails, electionId);
        return { status: applied.value.outcome, messageId: message.id, ...applied.value };
      },
    );

    app.post(
      '/ballots/import',
      {
        bodyLimit: FILE_BODY_LIMIT,
        config: { action: 'ballots.importDeviceFile', object: { branch: 'body.branch' } },
        schema: {
          tags,
          summary: "Import a failed voting device's signed ballot file after a device swap",
          body: importBody,
        },
      },
      async (request, reply) => {
        const { branch, file } = request.body;
        const fileDetails = { branchId: branch, messages: file.messages.length };
        const intake = await intakeContext(ctx.store);
        if (!intake.ok) return refuse(request, reply, intake.error, fileDetails);
        const electionId = intake.value.electionId;
        const invalid = (reason: string) =>
          refuse(
            request,
            reply,
            problem('BALLOTS_EXPORT_INVALID', { reason }),
            fileDetails,
            electionId,
          );
        const batches: {
          id: string;
          digest: string;
          serial: string;
          ballots: IncomingBallot[];
          day: string;
        }[] = [];
        for (const [i, signed] of file.messages.entries()) {
          const { message } = signed;
          if (message.election !== intake.value.electionHash || message.branch !== branch)
            return invalid(`message ${i} is for another election or branch`);
          if (message.kind !== 'ballots.submit')
            return invalid(`message ${i} is not a ballot batch`);
          // The device may be out of service now (that is why it was swapped); what counts is
          // that it was this branch's registered voting device and that it signed the message.
          const device = await findDevice(ctx.store.db, electionId, message.device);
          if (device?.kind !== 'voting' || device.branchId !== branch)
            return invalid(`message ${i} is not from a voting device of branch ${branch}`);
          if (!verifyDeviceSignature(signed, device.publicKey))
            return invalid(`message ${i} does not carry its device's signature`);
          const checked = checkBatch(intake.value, branch, message.body, { verifyProofs });
          if (!checked.ok) return refuse(request, reply, checked.error, fileDetails, electionId);
          batches.push({
            id: message.id,
            digest: messageDigest(signed),
            serial: device.serial,
            ballots: checked.value,
            day: message.body.batch[0]?.day ?? '',
          });
        }
        const totals = await ctx.store
          .transaction(async (trx) => {
            let stored = 0;
            let again = 0;
            for (const b of batches) {
              const r = await applyBallotBatch(trx, {
                electionId,
                messageId: b.id,
                digest: b.digest,
                deviceSerial: b.serial,
                branchId: branch,
                day: b.day,
                kind: 'ballots.submit',
                ballots: b.ballots,
              });
              // A message id reused for other content cannot come from an honest device file:
              // nothing of the file is kept.
              if (!r.ok) throw new ProblemError(r.error);
              stored += r.value.stored;
              again += r.value.again;
            }
            await ctx.audit.recordIn(
              trx,
              {
                action: 'ballots.batch.received',
                outcome: 'succeeded',
                electionId,
                object: { type: 'branch', id: branch },
                details: {
                  source: 'device-file',
                  ...fileDetails,
                  stored,
                  again,
                  count: stored + again,
                },
              },
              request,
            );
            return { ok: true as const, value: { stored, again } };
          })
          .catch((error: unknown) => {
            if (error instanceof ProblemError && error.problems[0] !== undefined)
              return { ok: false as const, error: error.problems[0] };
            throw error;
          });
        if (!totals.ok) return refuse(request, reply, totals.error, fileDetails, electionId);
        return { status: 'imported', ...totals.value };
      },
    );
    return Promise.resolve();
  };
}
