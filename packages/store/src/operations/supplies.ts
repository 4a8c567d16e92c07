import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  err,
  ok,
  planSupplies,
  problem,
  type BranchForSupplies,
  type DiscrepancyKind,
  type PlannedShipment,
  type Problem,
  type Result,
  type ShipmentFacts,
  type ShipmentState,
  type SupplyItem,
} from '@sandogh/core';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import {
  operationsDb,
  type ShipmentLineTable,
  type ShipmentTable,
  type SupplyDiscrepancyTable,
} from './tables.js';

/**
 * Supply shipments in the store (issue 8): the plan, each shipment's states with the instant
 * it reached each (so that readiness can be recomputed for any past instant), its lines and
 * its discrepancies. A state change applies only from the state it was decided from.
 */

export interface ShipmentRecord {
  readonly shipment: ShipmentTable;
  readonly lines: readonly ShipmentLineTable[];
  readonly discrepancies: readonly SupplyDiscrepancyTable[];
}

export async function countShipments(db: Kysely<Database>, electionId: string): Promise<number> {
  const row = await operationsDb(db)
    .selectFrom('shipments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('election_id', '=', electionId)
    .executeTakeFirst();
  return row?.n ?? 0;
}

/** Stores planned shipments (the three-day plan, or one top-up); their random ids, in order. */
export async function insertShipments(
  store: Pick<Store, 'maxParameters'>,
  trx: Kysely<Database>,
  electionId: string,
  planned: readonly PlannedShipment[],
  at: string,
): Promise<string[]> {
  const ids = planned.map(() => randomUUID());
  const db = operationsDb(trx);
  const shipments: ShipmentTable[] = planned.map((p, i) => ({
    election_id: electionId,
    id: ids[i] ?? '',
    branch_id: p.branchId,
    zone_hq_id: p.zoneHqId,
    phase: p.phase,
    day: p.day,
    state: 'planned',
    planned_at: at,
    packed_at: null,
    dispatched_at: null,
    delivered_at: null,
    confirmed_at: null,
    returned_at: null,
  }));
  const lines: ShipmentLineTable[] = planned.flatMap((p, i) =>
    p.lines.map((l) => ({
      election_id: electionId,
      shipment_id: ids[i] ?? '',
      item: l.item,
      quantity: l.quantity,
      returned: null,
    })),
  );
  // Multi-row INSERTs within the engine's parameter limit (bulk.ts explains the sizing).
  const perShipment = Math.max(1, Math.floor(store.maxParameters / 13));
  for (let i = 0; i < shipments.length; i += perShipment)
    await db
      .insertInto('shipments')
      .values(shipments.slice(i, i + perShipment))
      .execute();
  const perLine = Math.max(1, Math.floor(store.maxParameters / 5));
  for (let i = 0; i < lines.length; i += perLine)
    await db
      .insertInto('shipment_lines')
      .values(lines.slice(i, i + perLine))
      .execute();
  return ids;
}

export async function getShipment(
  db: Kysely<Database>,
  electionId: string,
  id: string,
): Promise<ShipmentRecord | undefined> {
  const o = operationsDb(db);
  const shipment = await o
    .selectFrom('shipments')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (shipment === undefined) return undefined;
  const [lines, discrepancies] = await Promise.all([
    o
      .selectFrom('shipment_lines')
      .selectAll()
      .where('election_id', '=', electionId)
      .where('shipment_id', '=', id)
      .orderBy('item')
      .execute(),
    o
      .selectFrom('supply_discrepancies')
      .selectAll()
      .where('election_id', '=', electionId)
      .where('shipment_id', '=', id)
      .orderBy('reported_at')
      .orderBy('kind')
      .orderBy('item')
      .orderBy('id')
      .execute(),
  ]);
  return { shipment, lines, discrepancies };
}

const STAMP = {
  planned: 'planned_at',
  packed: 'packed_at',
  dispatched: 'dispatched_at',
  delivered: 'delivered_at',
  confirmed: 'confirmed_at',
  returned: 'returned_at',
} as const satisfies Record<ShipmentState, keyof ShipmentTable>;

/** Moves a shipment from `from` to `to` at `at`, only if it is still in `from`. */
export async function moveShipment(
  trx: Kysely<Database>,
  electionId: string,
  id: string,
  from: ShipmentState,
  to: ShipmentState,
  at: string,
): Promise<boolean> {
  const stamp: Partial<ShipmentTable> = { state: to };
  stamp[STAMP[to]] = at;
  const updated = await operationsDb(trx)
    .updateTable('shipments')
    .set(stamp)
    .where('election_id', '=', electionId)
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

export async function addDiscrepancies(
  trx: Kysely<Database>,
  electionId: string,
  shipmentId: string,
  found: readonly { kind: DiscrepancyKind; item: SupplyItem; quantity: number }[],
  at: string,
  by: string,
): Promise<void> {
  if (found.length === 0) return;
  await operationsDb(trx)
    .insertInto('supply_discrepancies')
    .values(
      found.map((d) => ({
        election_id: electionId,
        id: randomUUID(),
        shipment_id: shipmentId,
        kind: d.kind,
        item: d.item,
        quantity: d.quantity,
        reported_at: at,
        reported_by: by,
      })),
    )
    .execute();
}

/** Records a collection's counts as it came back in. */
export async function recordReturnedCounts(
  trx: Kysely<Database>,
  electionId: string,
  shipmentId: string,
  counts: Readonly<Partial<Record<SupplyItem, number>>>,
): Promise<void> {
  const db = operationsDb(trx);
  for (const [item, returned] of Object.entries(counts) as [SupplyItem, number][]) {
    const updated = await db
      .updateTable('shipment_lines')
      .set({ returned })
      .where('election_id', '=', electionId)
      .where('shipment_id', '=', shipmentId)
      .where('item', '=', item)
      .executeTakeFirst();
    // Something came back that the collection did not list (a top-up device): a line of 0.
    if (updated.numUpdatedRows === 0n)
      await db
        .insertInto('shipment_lines')
        .values({
          election_id: electionId,
          shipment_id: shipmentId,
          item,
          quantity: 0,
          returned,
        })
        .execute();
  }
}

export interface ShipmentQuery {
  readonly zoneHqId?: string | undefined;
  readonly branchId?: string | undefined;
}

/** Shipments with lines and discrepancies, as core's readiness rules read them. */
export async function shipmentFacts(
  db: Kysely<Database>,
  electionId: string,
  query: ShipmentQuery = {},
): Promise<ShipmentFacts[]> {
  const o = operationsDb(db);
  let sq = o.selectFrom('shipments').selectAll().where('election_id', '=', electionId);
  if (query.zoneHqId !== undefined) sq = sq.where('zone_hq_id', '=', query.zoneHqId);
  if (query.branchId !== undefined) sq = sq.where('branch_id', '=', query.branchId);
  const shipments = await sq.orderBy('branch_id').orderBy('planned_at').orderBy('id').execute();
  const [lines, discrepancies] = await Promise.all([
    o.selectFrom('shipment_lines').selectAll().where('election_id', '=', electionId).execute(),
    o
      .selectFrom('supply_discrepancies')
      .selectAll()
      .where('election_id', '=', electionId)
      .execute(),
  ]);
  const linesOf = groupBy(lines);
  const issuesOf = groupBy(discrepancies);
  return shipments.map((s) => toFacts(s, linesOf.get(s.id) ?? [], issuesOf.get(s.id) ?? []));
}

function groupBy<T extends { shipment_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.shipment_id);
    if (list === undefined) out.set(row.shipment_id, [row]);
    else list.push(row);
  }
  return out;
}

export function toFacts(
  s: ShipmentTable,
  lines: readonly ShipmentLineTable[],
  discrepancies: readonly SupplyDiscrepancyTable[],
): ShipmentFacts {
  const reached: Partial<Record<ShipmentState, number>> = {};
  for (const [state, column] of Object.entries(STAMP) as [ShipmentState, keyof ShipmentTable][]) {
    const value = s[column];
    if (typeof value === 'string' && value.includes('T')) reached[state] = Date.parse(value);
  }
  const returnedCounts: Partial<Record<SupplyItem, number>> = {};
  for (const l of lines) if (l.returned !== null) returnedCounts[l.item] = l.returned;
  return {
    id: s.id,
    branchId: s.branch_id,
    zoneHqId: s.zone_hq_id,
    phase: s.phase,
    lines: lines.filter((l) => l.quantity > 0).map((l) => ({ item: l.item, quantity: l.quantity })),
    reached,
    discrepancies: discrepancies.map((d) => ({
      kind: d.kind,
      item: d.item,
      quantity: d.quantity,
      at: Date.parse(d.reported_at),
    })),
    returnedCounts,
  };
}

/** A zone HQ's shipments for one day and phase, branch by branch: the pick list's rows. */
export async function shipmentsForDay(
  db: Kysely<Database>,
  electionId: string,
  zoneHqId: string,
  day: string,
): Promise<ShipmentRecord[]> {
  const o = operationsDb(db);
  const shipments = await o
    .selectFrom('shipments')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('zone_hq_id', '=', zoneHqId)
    .where('day', '=', day as ShipmentTable['day'])
    .orderBy('branch_id')
    .orderBy('id')
    .execute();
  const ids = shipments.map((s) => s.id);
  const lines =
    ids.length === 0
      ? []
      : await o
          .selectFrom('shipment_lines')
          .selectAll()
          .where('election_id', '=', electionId)
          .where('shipment_id', 'in', ids)
          .orderBy('item')
          .execute();
  return shipments.map((shipment) => ({
    shipment,
    lines: lines.filter((l) => l.shipment_id === shipment.id),
    discrepancies: [],
  }));
}

/** Every branch as the supply rules read it, in the definition's order. */
export async function supplyBranches(
  db: Kysely<Database>,
  electionId: string,
  zoneHqId?: string,
): Promise<BranchForSupplies[]> {
  let q = db
    .selectFrom('branches')
    .select(['id', 'zone_hq_id', 'kind', 'expected_voters'])
    .where('election_id', '=', electionId);
  if (zoneHqId !== undefined) q = q.where('zone_hq_id', '=', zoneHqId);
  const rows = await q.orderBy('position').execute();
  return rows.map((r) => ({
    id: r.id,
    zoneHqId: r.zone_hq_id,
    kind: r.kind,
    expectedVoters: r.expected_voters,
  }));
}

/**
 * Creates the three-day plan for every branch of the election in one transaction, with
 * whatever the caller records beside it (its audit entry); refused when a plan exists.
 */
export async function createSupplyPlan(
  store: Store,
  electionId: string,
  at: string,
  alsoInTransaction?: (trx: Kysely<Database>, shipments: number) => Promise<unknown>,
): Promise<Result<{ shipments: number; branches: number }, Problem>> {
  return store.transaction(async (trx) => {
    const existing = await countShipments(trx, electionId);
    if (existing > 0) return err(problem('SUPPLY_PLAN_EXISTS', { count: existing }));
    const branches = await supplyBranches(trx, electionId);
    const plan = planSupplies(branches);
    await insertShipments(store, trx, electionId, plan, at);
    await alsoInTransaction?.(trx, plan.length);
    return ok({ shipments: plan.length, branches: branches.length });
  });
}
