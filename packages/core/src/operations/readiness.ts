import {
  allocate,
  SUPPLY_CATALOGUE,
  supplyItem,
  type BranchForSupplies,
  type ShipmentFacts,
  type SupplyItem,
} from './supplies.js';

/**
 * The readiness view (issue 8): which branches are not fully supplied, per zone HQ, at any
 * instant, computed from the shipments' history alone — so the view of 07:00 on D-day can be
 * recomputed afterwards exactly as it stood. Rules (docs/OPERATIONS.md §8.2, "Readiness"):
 * - an item reaches a branch when its shipment is delivered; what the branch later reports
 *   short or delivered to the wrong branch never arrived, and what it reports damaged arrived
 *   but cannot be used — each from the moment it is reported;
 * - a branch is ready when, for every item of its allocation, usable ≥ allocated;
 * - on D+1 every returnable item that arrived (damaged ones too) must come back: what the
 *   collections counted back in, minus what arrived, is what is still out.
 */

export interface ItemShortfall {
  readonly item: SupplyItem;
  readonly needed: number;
  readonly have: number;
}

export interface BranchReadiness {
  readonly branchId: string;
  readonly zoneHqId: string;
  readonly ready: boolean;
  readonly missing: readonly ItemShortfall[];
}

type Counts = Partial<Record<SupplyItem, number>>;

function add(counts: Counts, item: SupplyItem, n: number): void {
  counts[item] = (counts[item] ?? 0) + n;
}

/** Items that arrived at the branch by `at` (damaged included) and those usable. */
function stockAt(shipments: readonly ShipmentFacts[], at: number) {
  const arrived: Counts = {};
  const usable: Counts = {};
  for (const s of shipments) {
    if (s.phase === 'collection') continue;
    const delivered = s.reached.delivered;
    if (delivered === undefined || delivered > at) continue;
    for (const line of s.lines) {
      add(arrived, line.item, line.quantity);
      add(usable, line.item, line.quantity);
    }
    for (const d of s.discrepancies) {
      if (d.at > at) continue;
      if (d.kind !== 'damaged') add(arrived, d.item, -d.quantity);
      add(usable, d.item, -d.quantity);
    }
  }
  return { arrived, usable };
}

function byBranch(shipments: readonly ShipmentFacts[]): Map<string, ShipmentFacts[]> {
  const map = new Map<string, ShipmentFacts[]>();
  for (const s of shipments) {
    const list = map.get(s.branchId);
    if (list === undefined) map.set(s.branchId, [s]);
    else list.push(s);
  }
  return map;
}

export function branchReadiness(
  branch: BranchForSupplies,
  shipments: readonly ShipmentFacts[],
  at: number,
): BranchReadiness {
  const { usable } = stockAt(shipments, at);
  const allocation = allocate(branch);
  const missing = supplyItem.options.flatMap((item) => {
    const needed = allocation[item] ?? 0;
    const have = Math.max(0, usable[item] ?? 0);
    return have < needed ? [{ item, needed, have }] : [];
  });
  return { branchId: branch.id, zoneHqId: branch.zoneHqId, ready: missing.length === 0, missing };
}

export interface ZoneReadiness {
  readonly zoneHqId: string;
  readonly branches: number;
  readonly ready: number;
  /** Not fully supplied, in the order the branches were given. */
  readonly notReady: readonly BranchReadiness[];
}

/** Every zone HQ's readiness at `at`, zones in order of first appearance among the branches. */
export function readinessByZone(
  branches: readonly BranchForSupplies[],
  shipments: readonly ShipmentFacts[],
  at: number,
): ZoneReadiness[] {
  const ofBranch = byBranch(shipments);
  const zones = new Map<string, { branches: number; ready: number; notReady: BranchReadiness[] }>();
  for (const b of branches) {
    const r = branchReadiness(b, ofBranch.get(b.id) ?? [], at);
    let z = zones.get(b.zoneHqId);
    if (z === undefined) {
      z = { branches: 0, ready: 0, notReady: [] };
      zones.set(b.zoneHqId, z);
    }
    z.branches += 1;
    if (r.ready) z.ready += 1;
    else z.notReady.push(r);
  }
  return [...zones.entries()].map(([zoneHqId, z]) => ({ zoneHqId, ...z }));
}

export interface OutstandingReturn {
  readonly item: SupplyItem;
  readonly arrived: number;
  readonly returned: number;
}

export interface BranchReturns {
  readonly branchId: string;
  readonly zoneHqId: string;
  readonly complete: boolean;
  readonly outstanding: readonly OutstandingReturn[];
}

/** D+1: every device and sealed box that reached the branch, and what came back by `at`. */
export function branchReturns(
  branch: BranchForSupplies,
  shipments: readonly ShipmentFacts[],
  at: number,
): BranchReturns {
  const { arrived } = stockAt(shipments, at);
  const returned: Counts = {};
  for (const s of shipments) {
    const back = s.reached.returned;
    if (s.phase !== 'collection' || back === undefined || back > at) continue;
    for (const item of supplyItem.options) add(returned, item, s.returnedCounts?.[item] ?? 0);
  }
  const outstanding = supplyItem.options.flatMap((item) => {
    if (!SUPPLY_CATALOGUE[item].returnable) return [];
    const out = Math.max(0, arrived[item] ?? 0);
    const back = returned[item] ?? 0;
    return back < out ? [{ item, arrived: out, returned: back }] : [];
  });
  return {
    branchId: branch.id,
    zoneHqId: branch.zoneHqId,
    complete: outstanding.length === 0,
    outstanding,
  };
}

export function returnsByBranch(
  branches: readonly BranchForSupplies[],
  shipments: readonly ShipmentFacts[],
  at: number,
): BranchReturns[] {
  const ofBranch = byBranch(shipments);
  return branches.map((b) => branchReturns(b, ofBranch.get(b.id) ?? [], at));
}
