import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  branchPackageHash,
  deviceReadiness,
  deviceStatusBody,
  problem,
  shortHash,
  signedDeviceMessageOf,
  zoneDeviceReadiness,
  type BranchPhase,
  type DeviceReadinessView,
  type DeviceStatusReport,
} from '@sandogh/core';
import {
  auditDb,
  listDevices,
  readDefinition,
  stationDb,
  type HqSigningKey,
  type Store,
} from '@sandogh/store';
import type { HqContext } from '../context.js';
import { sendProblems } from '../plugins/problems.js';
import { loadedElectionId } from '../plugins/loadedElection.js';
import { deviceOf } from './authenticate.js';
import { currentPackageHash } from '../ballots/intake.js';
import { assembleBranchPackage, electionContextOf } from './package.js';
import { reportIncident } from '../incidents/report.js';

/**
 * Device readiness (issue 8, docs/OPERATIONS.md §8.6): each station reports, signed, the
 * package hash it runs and its self-test (`POST /devices/status`, a device action); the IT
 * committee's view (`GET /devices/readiness?zone=`) puts every registered device beside its
 * branch's package of now, its latest report and its branch's phase, and lists the spares at
 * each zone HQ. The reports are kept where every device act is kept — the audit log
 * (`devices.device.self-tested`, law 6) — and the view is computed from the log and the
 * registry alone (core operations/deviceReadiness.ts), so it can be recomputed afterwards.
 */
const tags = ['devices'];
const SELF_TESTED = 'devices.device.self-tested';
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

export interface ReadinessRouteOptions {
  readonly packageKey: HqSigningKey;
}

/** Every branch's package hash as buildBranchPackage would sign it now, from one read. */
export async function packageHashesNow(
  store: Store,
  key: HqSigningKey,
): Promise<Map<string, string>> {
  const stored = await readDefinition(store);
  const out = new Map<string, string>();
  if (!stored.ok) return out;
  const { definition, summary } = stored.value;
  const [devices, context] = await Promise.all([
    listDevices(store.db, summary.id),
    electionContextOf(store),
  ]);
  for (const branch of definition.branches) {
    const pkg = assembleBranchPackage({
      definition,
      electionHash: summary.hash,
      branch,
      devices: devices.filter((d) => d.branchId === branch.id),
      key,
      context,
    });
    out.set(branch.id, branchPackageHash(pkg));
  }
  return out;
}

/** The latest self-test reports, from the audit log, in the order they were recorded. */
export async function statusReports(
  store: Store,
  electionId: string,
): Promise<DeviceStatusReport[]> {
  const rows = await auditDb(store.db)
    .selectFrom('audit_log')
    .select(['actor_id', 'occurred_at', 'details'])
    .where('election_id', '=', electionId)
    .where('action', '=', SELF_TESTED)
    .where('outcome', '=', 'succeeded')
    .orderBy('sequence')
    .execute();
  const out: DeviceStatusReport[] = [];
  for (const row of rows) {
    if (row.actor_id === null || row.details === null) continue;
    const d = JSON.parse(row.details) as { package?: unknown; passed?: unknown; failed?: unknown };
    if (typeof d.package !== 'string' || typeof d.passed !== 'boolean') continue;
    out.push({
      serial: row.actor_id,
      at: row.occurred_at,
      packageHash: d.package,
      selfTestPassed: d.passed,
      failedChecks: Array.isArray(d.failed)
        ? d.failed.filter((f): f is string => typeof f === 'string')
        : [],
    });
  }
  return out;
}

export async function zoneHqExists(
  store: Store,
  electionId: string,
  zoneHqId: string,
): Promise<boolean> {
  const known = await store.db
    .selectFrom('zone_hqs')
    .select('id')
    .where('election_id', '=', electionId)
    .where('id', '=', zoneHqId)
    .executeTakeFirst();
  return known !== undefined;
}

/** The whole view now: the route and `sandogh devices readiness` both answer with it. */
export async function deviceReadinessNow(
  store: Store,
  electionId: string,
  key: HqSigningKey,
): Promise<DeviceReadinessView> {
  const [branches, devices, packageHashes, reports, lifecycles] = await Promise.all([
    store.db
      .selectFrom('branches')
      .select(['id', 'zone_hq_id'])
      .where('election_id', '=', electionId)
      .execute(),
    listDevices(store.db, electionId),
    packageHashesNow(store, key),
    statusReports(store, electionId),
    stationDb(store.db)
      .selectFrom('branch_lifecycles')
      .select(['branch_id', 'phase'])
      .where('election_id', '=', electionId)
      .execute(),
  ]);
  return deviceReadiness({
    devices,
    branches: branches.map((b) => ({ id: b.id, zoneHqId: b.zone_hq_id })),
    packageHashes,
    reports,
    phases: new Map(lifecycles.map((l) => [l.branch_id, l.phase as BranchPhase])),
  });
}

export function deviceReadinessRoutes(
  ctx: HqContext,
  options: ReadinessRouteOptions,
): FastifyPluginAsyncZod {
  return (app) => {
    app.post(
      '/devices/status',
      {
        config: { action: 'devices.status' },
        schema: {
          tags,
          summary:
            "A station reports the package hash it runs and its self-test, signed (the IT committee's readiness view)",
          body: signedDeviceMessageOf(deviceStatusBody),
        },
      },
      async (request, reply) => {
        const device = deviceOf(request);
        const { body } = request.body.message;
        const failed = body.selfTest.checks.filter((c) => !c.passed).map((c) => c.name);
        const passed = body.selfTest.passed && failed.length === 0;
        const expected = await currentPackageHash(ctx.store, device.branchId, options.packageKey);
        await ctx.audit.record(
          {
            action: SELF_TESTED,
            outcome: 'succeeded',
            electionId: device.electionId,
            object: { type: 'device', id: device.serial },
            details: {
              messageId: request.body.message.id,
              package: body.package,
              packageShort: shortHash(body.package),
              passed,
              failed,
            },
          },
          request,
        );
        // A failed self-test is also an incident of the branch, routed to its IT committee,
        // once per message (a retry answers the same incident).
        const incident = passed
          ? undefined
          : await reportIncident(
              ctx,
              device.electionId,
              device.branchId,
              {
                kind: failed.includes('printer')
                  ? 'printer-paper'
                  : device.kind === 'authentication'
                    ? 'authentication-device'
                    : 'voting-device',
                severity: 'degraded',
                description: `Self-test failed: ${failed.join(', ') || 'reported as failed'}`,
              },
              { source: 'device', by: device.serial, deviceMessageId: request.body.message.id },
              app.accessControl.settings.clock(),
              request,
            );
        return reply.code(201).send({
          ...(incident === undefined ? {} : { incidentId: incident.incident.id }),
          serial: device.serial,
          branchId: device.branchId,
          configured: expected === body.package ? 'current' : 'stale',
          selfTest: passed ? 'passed' : 'failed',
        });
      },
    );

    app.get(
      '/devices/readiness',
      {
        config: { action: 'devices.read', object: { zoneHq: 'query.zone' } },
        schema: {
          tags,
          summary:
            'Every device: registered, assigned, configured with the current package, self-tested, opened; spares and where they are',
          querystring: z.strictObject({ zone: id.optional() }),
        },
      },
      async (request, reply) => {
        const electionId = await loadedElectionId(ctx, reply);
        if (electionId === undefined) return reply;
        const zone = request.query.zone;
        if (zone !== undefined && !(await zoneHqExists(ctx.store, electionId, zone)))
          return sendProblems(reply, [problem('DEVICE_STATUS_ZONE_UNKNOWN', { zoneHq: zone })]);
        const view = await deviceReadinessNow(ctx.store, electionId, options.packageKey);
        return {
          at: new Date(app.accessControl.settings.clock()).toISOString(),
          ...(zone === undefined ? view : zoneDeviceReadiness(view, zone)),
        };
      },
    );
    return Promise.resolve();
  };
}
