import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  branchPackageShortHash,
  deviceKind,
  problem,
  type Problem,
  type ProblemCode,
} from '@sandogh/core';
import {
  assignDevice,
  currentElection,
  listDevices,
  registerDevice,
  revokeDevice,
  type HqSigningKey,
} from '@sandogh/store';
import { sendProblems } from '../plugins/problems.js';
import { loadedElectionId } from '../plugins/loadedElection.js';
import type { HqContext } from '../context.js';
import { forgetPackageHashes } from '../ballots/intake.js';
import { buildBranchPackage } from './package.js';

/**
 * The device registry and the branches' configuration packages (issue 5, law 4): the IT
 * committee registers a device, assigns it to a branch and revokes it; staff fetch a branch's
 * signed package to load into its station. Every change and every refusal is audited.
 */
const tags = ['devices'];
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const publicKey = z
  .string()
  .regex(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/, 'an Ed25519 public key (base64 of 32 bytes)');

const registerBody = z.strictObject({
  serial: id,
  kind: deviceKind,
  publicKey,
  zoneHqId: id,
});
const assignBody = z.strictObject({ branchId: id, role: z.enum(['authentication', 'voting']) });
const serialParams = z.strictObject({ serial: id });
const branchParams = z.strictObject({ branchId: id });
const listQuery = z.strictObject({ branch: id.optional() });

export interface DeviceRouteOptions {
  /** HQ's signing key (resolvePackageKey): signs the configuration packages. */
  readonly packageKey: HqSigningKey;
}

export function deviceRoutes(ctx: HqContext, options: DeviceRouteOptions): FastifyPluginAsyncZod {
  return (app) => {
    async function refuse(
      request: FastifyRequest,
      reply: FastifyReply,
      step: string,
      answered: Problem,
      electionId?: string,
    ): Promise<FastifyReply> {
      await ctx.audit.record(
        {
          action: 'devices.registry.refused',
          outcome: 'refused',
          reason: answered.code as ProblemCode,
          ...(electionId === undefined ? {} : { electionId }),
          details: { step },
        },
        request,
      );
      return sendProblems(reply, [answered]);
    }

    app.get(
      '/devices',
      {
        config: { action: 'devices.read' },
        schema: {
          tags,
          summary: 'Registered devices, of one branch or all',
          querystring: listQuery,
        },
      },
      async (request, reply) => {
        const electionId = await loadedElectionId(ctx, reply);
        if (electionId === undefined) return reply;
        return { devices: await listDevices(ctx.store.db, electionId, request.query.branch) };
      },
    );

    app.post(
      '/devices',
      {
        config: { action: 'devices.register', object: { zoneHq: 'body.zoneHqId' } },
        schema: {
          tags,
          summary: 'Register a device with its Ed25519 public key (law 4)',
          body: registerBody,
        },
      },
      async (request, reply) => {
        const election = await currentElection(ctx.store);
        if (election === undefined)
          return refuse(request, reply, 'register', problem('DEFINITION_NOT_LOADED'));
        const made = await registerDevice(ctx.store.db, election.id, request.body);
        if (!made.ok) return refuse(request, reply, 'register', made.error, election.id);
        forgetPackageHashes();
        await ctx.audit.record(
          {
            action: 'devices.device.provisioned',
            outcome: 'succeeded',
            electionId: election.id,
            object: { type: 'device', id: made.value.serial },
            details: { step: 'registered', kind: made.value.kind, zoneHqId: made.value.zoneHqId },
          },
          request,
        );
        return reply.code(201).send(made.value);
      },
    );

    app.put(
      '/devices/:serial/branch',
      {
        config: { action: 'devices.register', object: { branch: 'body.branchId' } },
        schema: {
          tags,
          summary: 'Assign a device to a branch in a role (a spare takes over a revoked device)',
          params: serialParams,
          body: assignBody,
        },
      },
      async (request, reply) => {
        const election = await currentElection(ctx.store);
        if (election === undefined)
          return refuse(request, reply, 'assign', problem('DEFINITION_NOT_LOADED'));
        const { branchId, role } = request.body;
        const assigned = await assignDevice(
          ctx.store.db,
          election.id,
          request.params.serial,
          branchId,
          role,
        );
        if (!assigned.ok) return refuse(request, reply, 'assign', assigned.error, election.id);
        forgetPackageHashes();
        await ctx.audit.record(
          {
            action: 'devices.device.provisioned',
            outcome: 'succeeded',
            electionId: election.id,
            object: { type: 'device', id: assigned.value.serial },
            details: { step: 'assigned', branchId, role },
          },
          request,
        );
        return assigned.value;
      },
    );

    app.post(
      '/devices/:serial/revoke',
      {
        config: { action: 'devices.replace', object: { device: 'params.serial' } },
        schema: {
          tags,
          summary: 'Revoke a device for good: every message it signs is refused from now on',
          params: serialParams,
        },
      },
      async (request, reply) => {
        const election = await currentElection(ctx.store);
        if (election === undefined)
          return refuse(request, reply, 'revoke', problem('DEFINITION_NOT_LOADED'));
        const revoked = await revokeDevice(ctx.store.db, election.id, request.params.serial);
        if (!revoked.ok) return refuse(request, reply, 'revoke', revoked.error, election.id);
        forgetPackageHashes();
        await ctx.audit.record(
          {
            action: 'devices.device.retired',
            outcome: 'succeeded',
            electionId: election.id,
            object: { type: 'device', id: revoked.value.serial },
            details: { branchId: revoked.value.branchId },
          },
          request,
        );
        return revoked.value;
      },
    );

    app.get(
      '/branches/:branchId/package',
      {
        config: { action: 'devices.read', object: { branch: 'params.branchId' } },
        schema: {
          tags,
          summary: "The branch's configuration package, signed by HQ, for its station",
          params: branchParams,
        },
      },
      async (request, reply) => {
        const built = await buildBranchPackage(
          ctx.store,
          request.params.branchId,
          options.packageKey,
        );
        if (!built.ok) return sendProblems(reply, [built.error]);
        void reply.header('x-sandogh-package-hash', branchPackageShortHash(built.value.package));
        return built.value;
      },
    );
    return Promise.resolve();
  };
}
