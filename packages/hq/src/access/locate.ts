import type { FastifyRequest } from 'fastify';
import { CONSTITUENCY, type ObjectLocation } from '@sandogh/core';
import { currentElection, type Store } from '@sandogh/store';
import { parseLocator, type ObjectLocator } from './routeConfig.js';

/**
 * Where a request's object lies (issue 3): the route's locator names a branch, zone, zone
 * HQ id or device serial in the request, and a branch is placed in its zone and zone HQ from the loaded
 * election's geography. An id that is missing, malformed or unknown yields a place no scope
 * narrower than the constituency contains — refused to the narrow, left to the route (a clear
 * "not found") for the wide.
 */

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function valueAt(
  request: FastifyRequest,
  source: 'params' | 'query' | 'body',
  key: string,
): string {
  const holder: unknown =
    source === 'params' ? request.params : source === 'query' ? request.query : request.body;
  if (typeof holder !== 'object' || holder === null || !Object.hasOwn(holder, key)) return '';
  const value: unknown = (holder as Record<string, unknown>)[key];
  return typeof value === 'string' && ID.test(value) ? value : '';
}

export function locatorSource(
  locator: ObjectLocator | undefined,
): 'params' | 'query' | 'body' | undefined {
  return locator === undefined ? undefined : parseLocator(locator).source;
}

export async function locate(
  store: Store,
  request: FastifyRequest,
  locator: ObjectLocator | undefined,
): Promise<ObjectLocation> {
  if (locator === undefined) return CONSTITUENCY;
  const { kind, source, key } = parseLocator(locator);
  const id = valueAt(request, source, key);
  if (kind === 'zone') return { kind: 'zone', zoneId: id };
  if (kind === 'zoneHq') return { kind: 'zoneHq', zoneHqId: id };
  if (kind === 'device') return locateDevice(store, id);
  return locateBranch(store, id);
}

async function locateBranch(store: Store, id: string): Promise<ObjectLocation> {
  if (id === '') return { kind: 'branch', branchId: id };
  const election = await currentElection(store);
  if (election === undefined) return { kind: 'branch', branchId: id };
  const row = await store.db
    .selectFrom('branches')
    .select(['zone_id', 'zone_hq_id'])
    .where('election_id', '=', election.id)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined
    ? { kind: 'branch', branchId: id }
    : { kind: 'branch', branchId: id, zoneId: row.zone_id, zoneHqId: row.zone_hq_id };
}

/**
 * A device lies where it serves (issue 8: a zone HQ's IT committee revokes its own zone's
 * devices): its branch when assigned, else the zone HQ where it waits as a spare. An unknown
 * serial lies in no zone HQ — refused to the narrow, "not found" for the wide.
 */
async function locateDevice(store: Store, serial: string): Promise<ObjectLocation> {
  const nowhere: ObjectLocation = { kind: 'zoneHq', zoneHqId: '' };
  if (serial === '') return nowhere;
  const election = await currentElection(store);
  if (election === undefined) return nowhere;
  const row = await store.db
    .selectFrom('devices')
    .select(['branch_id', 'zone_hq_id'])
    .where('election_id', '=', election.id)
    .where('serial', '=', serial)
    .executeTakeFirst();
  if (row === undefined) return nowhere;
  if (row.branch_id !== null) return locateBranch(store, row.branch_id);
  return { kind: 'zoneHq', zoneHqId: row.zone_hq_id };
}

/** The object as the audit log names it. */
export function auditObject(
  where: ObjectLocation | undefined,
): { readonly type: string; readonly id?: string } | undefined {
  if (where === undefined || where.kind === 'constituency') return undefined;
  if (where.kind === 'branch')
    return where.branchId === '' ? { type: 'branch' } : { type: 'branch', id: where.branchId };
  if (where.kind === 'zone')
    return where.zoneId === '' ? { type: 'zone' } : { type: 'zone', id: where.zoneId };
  return where.zoneHqId === '' ? { type: 'zone-hq' } : { type: 'zone-hq', id: where.zoneHqId };
}
