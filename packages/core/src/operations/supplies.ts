import { z } from 'zod';
import type { BilingualName } from '../definition/schema.js';
import { err, ok, type Result } from '../result.js';

/**
 * Supplies (issue 8; the seed: "supplies needed by branches are distributed on time; planning
 * covers the 3 days before, the day of, and the day after"). Pure rules: the catalogue, how
 * much each branch gets, the three-day plan, the life of a shipment, and the readiness of every
 * branch at any instant, from the shipments' history alone. docs/OPERATIONS.md §8.2.
 */

export const supplyItem = z.enum([
  'authentication-device',
  'voting-device',
  'spare-device',
  'receipt-printer',
  'paper-roll',
  'sealed-box',
  'seal',
  'signage',
  'power-bank',
  'ups',
  'forms',
]);
export type SupplyItem = z.infer<typeof supplyItem>;

export interface CatalogueEntry {
  readonly name: BilingualName;
  readonly unit: BilingualName;
  /** Comes back on D+1 and is counted (devices, printers, sealed boxes full of printed votes). */
  readonly returnable: boolean;
}

const piece = { fa: 'عدد', en: 'piece' };

/** What a branch may need (the list), with Persian names for the pick lists. */
export const SUPPLY_CATALOGUE: Readonly<Record<SupplyItem, CatalogueEntry>> = {
  'authentication-device': {
    name: { fa: 'دستگاه احراز هویت', en: 'Authentication device' },
    unit: { fa: 'دستگاه', en: 'device' },
    returnable: true,
  },
  'voting-device': {
    name: { fa: 'دستگاه اخذ رای', en: 'Voting device' },
    unit: { fa: 'دستگاه', en: 'device' },
    returnable: true,
  },
  'spare-device': {
    name: { fa: 'دستگاه یدکی', en: 'Spare device' },
    unit: { fa: 'دستگاه', en: 'device' },
    returnable: true,
  },
  'receipt-printer': {
    name: { fa: 'چاپگر رسید', en: 'Receipt printer' },
    unit: { fa: 'دستگاه', en: 'device' },
    returnable: true,
  },
  'paper-roll': {
    name: { fa: 'رول کاغذ', en: 'Paper roll' },
    unit: { fa: 'رول', en: 'roll' },
    returnable: false,
  },
  'sealed-box': {
    name: { fa: 'صندوق کاغذی پلمب‌شده', en: 'Sealed paper box' },
    unit: piece,
    returnable: true,
  },
  seal: { name: { fa: 'پلمب', en: 'Seal' }, unit: piece, returnable: false },
  signage: { name: { fa: 'تابلو و راهنما', en: 'Signage' }, unit: piece, returnable: false },
  'power-bank': {
    name: { fa: 'پاوربانک', en: 'Power bank' },
    unit: piece,
    returnable: true,
  },
  ups: { name: { fa: 'برق اضطراری (UPS)', en: 'UPS' }, unit: piece, returnable: true },
  forms: {
    name: { fa: 'بستهٔ فرم‌ها و صورت‌جلسه‌ها', en: 'Forms and minutes' },
    unit: { fa: 'بسته', en: 'set' },
    returnable: false,
  },
};

/** Receipts one roll prints, with a margin for reprints and the zero and tally reports. */
export const VOTERS_PER_PAPER_ROLL = 250;
/** Printed votes one sealed box holds before a second is opened. */
export const VOTES_PER_SEALED_BOX = 1_500;
/** Seals per box: the lid, the slot, and two for a box opened again before the board. */
export const SEALS_PER_BOX = 4;

export interface BranchForSupplies {
  readonly id: string;
  readonly zoneHqId: string;
  readonly kind: 'fixed' | 'mobile';
  readonly expectedVoters: number;
}

export type Allocation = Readonly<Partial<Record<SupplyItem, number>>>;

/**
 * What one branch is sent (docs/OPERATIONS.md §8.2, "Allocation"): one device of each kind
 * and a printer; paper by expected voters plus one spare roll; boxes by expected voters and
 * four seals each; a mobile branch works far from a socket, so it gets two power banks where a
 * fixed branch gets a UPS. Spare devices wait at the zone HQ (the definition's spares) and go
 * out as top-ups.
 */
export function allocate(branch: BranchForSupplies): Allocation {
  const boxes = 1 + Math.floor(branch.expectedVoters / VOTES_PER_SEALED_BOX);
  return {
    'authentication-device': 1,
    'voting-device': 1,
    'receipt-printer': 1,
    'paper-roll': Math.ceil(branch.expectedVoters / VOTERS_PER_PAPER_ROLL) + 1,
    'sealed-box': boxes,
    seal: boxes * SEALS_PER_BOX,
    signage: branch.kind === 'mobile' ? 2 : 3,
    ...(branch.kind === 'mobile' ? { 'power-bank': 2 } : { ups: 1 }),
    forms: 1,
  };
}

export const supplyPhase = z.enum(['distribution', 'top-up', 'collection']);
export type SupplyPhase = z.infer<typeof supplyPhase>;

/** Days relative to voting day: D-3 … D+1. */
export const supplyDay = z.enum(['D-3', 'D-2', 'D-1', 'D', 'D+1']);
export type SupplyDay = z.infer<typeof supplyDay>;

const DAY_OFFSET: Readonly<Record<SupplyDay, number>> = {
  'D-3': -3,
  'D-2': -2,
  'D-1': -1,
  D: 0,
  'D+1': 1,
};

/** The civil date (ISO) of a plan day, from the voting day. */
export function dateOfSupplyDay(votingDay: string, day: SupplyDay): string {
  const t = Date.parse(`${votingDay}T00:00:00.000Z`) + DAY_OFFSET[day] * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * Which day each item goes out: what nobody can misuse first (signage, forms), consumables
 * next, and what counts votes — devices, printers, sealed boxes — last, on D-1, so they spend
 * the least time outside the zone HQ's store.
 */
export const DISTRIBUTION_DAY: Readonly<Record<SupplyItem, SupplyDay>> = {
  signage: 'D-3',
  forms: 'D-3',
  'paper-roll': 'D-2',
  seal: 'D-2',
  'power-bank': 'D-2',
  ups: 'D-2',
  'authentication-device': 'D-1',
  'voting-device': 'D-1',
  'spare-device': 'D-1',
  'receipt-printer': 'D-1',
  'sealed-box': 'D-1',
};

export interface ShipmentLine {
  readonly item: SupplyItem;
  readonly quantity: number;
}

export interface PlannedShipment {
  readonly branchId: string;
  readonly zoneHqId: string;
  readonly phase: SupplyPhase;
  readonly day: SupplyDay;
  readonly lines: readonly ShipmentLine[];
}

function linesOf(allocation: Allocation, pick: (item: SupplyItem) => boolean): ShipmentLine[] {
  return supplyItem.options.flatMap((item) => {
    const quantity = allocation[item] ?? 0;
    return quantity > 0 && pick(item) ? [{ item, quantity }] : [];
  });
}

/**
 * The three-day plan for every branch: one distribution shipment per day D-3, D-2, D-1 with
 * that day's items, and the collection on D+1 of every returnable item. Top-ups on the day are
 * added as they are asked for.
 */
export function planSupplies(branches: readonly BranchForSupplies[]): PlannedShipment[] {
  const days: SupplyDay[] = ['D-3', 'D-2', 'D-1'];
  return branches.flatMap((b) => {
    const allocation = allocate(b);
    const out: PlannedShipment[] = days.flatMap((day) => {
      const lines = linesOf(allocation, (item) => DISTRIBUTION_DAY[item] === day);
      return lines.length === 0
        ? []
        : [{ branchId: b.id, zoneHqId: b.zoneHqId, phase: 'distribution' as const, day, lines }];
    });
    out.push({
      branchId: b.id,
      zoneHqId: b.zoneHqId,
      phase: 'collection',
      day: 'D+1',
      lines: linesOf(allocation, (item) => SUPPLY_CATALOGUE[item].returnable),
    });
    return out;
  });
}

export const shipmentState = z.enum([
  'planned',
  'packed',
  'dispatched',
  'delivered',
  'confirmed',
  'returned',
]);
export type ShipmentState = z.infer<typeof shipmentState>;

/**
 * A shipment out (distribution, top-up) is packed, dispatched, delivered, then confirmed by the
 * branch with its counts; a collection is dispatched (the van goes) and returned (counted back
 * in at the zone HQ).
 */
const OUTBOUND: readonly ShipmentState[] = [
  'planned',
  'packed',
  'dispatched',
  'delivered',
  'confirmed',
];
const COLLECTION: readonly ShipmentState[] = ['planned', 'dispatched', 'returned'];

export function nextShipmentState(
  phase: SupplyPhase,
  from: ShipmentState,
  to: ShipmentState,
): Result<ShipmentState, { from: ShipmentState; to: ShipmentState }> {
  const path = phase === 'collection' ? COLLECTION : OUTBOUND;
  const i = path.indexOf(from);
  return i >= 0 && path[i + 1] === to ? ok(to) : err({ from, to });
}

export const discrepancyKind = z.enum(['short', 'damaged', 'wrong-branch']);
export type DiscrepancyKind = z.infer<typeof discrepancyKind>;

export interface SupplyDiscrepancy {
  readonly kind: DiscrepancyKind;
  readonly item: SupplyItem;
  readonly quantity: number;
  /** Epoch milliseconds of the report. */
  readonly at: number;
}

/** A shipment with its history, as the readiness view reads it. */
export interface ShipmentFacts {
  readonly id: string;
  readonly branchId: string;
  readonly zoneHqId: string;
  readonly phase: SupplyPhase;
  readonly lines: readonly ShipmentLine[];
  /** When it reached each state (epoch ms); a state not reached is absent. */
  readonly reached: Readonly<Partial<Record<ShipmentState, number>>>;
  readonly discrepancies: readonly SupplyDiscrepancy[];
  /** A collection's counts as it came back in (the state `returned`), item by item. */
  readonly returnedCounts?: Readonly<Partial<Record<SupplyItem, number>>> | undefined;
}
