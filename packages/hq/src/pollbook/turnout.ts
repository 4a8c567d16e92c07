import { turnoutCells, type Store } from '@sandogh/store';

/**
 * Turnout as the dashboard (staff) and the public page read it: counts only (issue 4). The
 * public sees totals per branch, zone, zone HQ and hour; staff also see each branch by hour.
 */

interface Count {
  readonly voters: number;
}

function add(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

function listed<K extends string>(map: Map<string, number>, key: K): (Record<K, string> & Count)[] {
  return [...map.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, voters]) => ({ [key]: k, voters }) as Record<K, string> & Count);
}

export async function turnoutReport(
  store: Store,
  electionId: string,
  audience: 'staff' | 'public',
) {
  const cells = await turnoutCells(store, electionId);
  const byHour = new Map<string, number>();
  const branches = new Map<string, number>();
  const zones = new Map<string, number>();
  const zoneHqs = new Map<string, number>();
  const branchHours = new Map<string, Map<string, number>>();
  let total = 0;
  for (const c of cells) {
    total += c.voters;
    add(byHour, c.hour, c.voters);
    add(branches, c.branchId, c.voters);
    add(zones, c.zoneId, c.voters);
    add(zoneHqs, c.zoneHqId, c.voters);
    const hours = branchHours.get(c.branchId) ?? new Map<string, number>();
    add(hours, c.hour, c.voters);
    branchHours.set(c.branchId, hours);
  }
  return {
    timeZone: 'Asia/Tehran',
    constituency: { voters: total },
    byHour: listed(byHour, 'hour'),
    zones: listed(zones, 'zoneId'),
    zoneHqs: listed(zoneHqs, 'zoneHqId'),
    branches: listed(branches, 'branchId').map((b) =>
      audience === 'public'
        ? b
        : {
            ...b,
            byHour: listed(branchHours.get(b.branchId) ?? new Map<string, number>(), 'hour'),
          },
    ),
  };
}
