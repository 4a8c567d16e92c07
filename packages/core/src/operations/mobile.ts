/**
 * Mobile branches (issue 8; DESIGN §2: 311 of Tehran's boxes travel to hospitals, barracks and
 * dormitories on an itinerary). Pure rules for where a mobile branch is and which stop is late;
 * civil times of the itinerary are read in the election's time zone. docs/OPERATIONS.md §8.4.
 */

export interface PlannedStop {
  readonly id: string;
  /** Civil `HH:MM` in the election's time zone. */
  readonly arrive: string;
  readonly depart: string;
}

export interface StopRecord {
  readonly stopId: string;
  /** Epoch ms. */
  readonly arrivedAt: number | null;
  readonly departedAt: number | null;
}

/** Minutes after the planned arrival before a stop not reached is late (and an incident). */
export const LATE_STOP_GRACE_MINUTES = 15;

/** The offset of `timeZone` from UTC at an instant, in minutes (Intl, no tz database of ours). */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The instant of a civil time on a civil date (ISO `YYYY-MM-DD`) in `timeZone`. */
export function itineraryInstant(date: string, clock: string, timeZone: string): number {
  const naive = Date.parse(`${date}T${clock}:00.000Z`);
  const first = naive - offsetMinutes(naive, timeZone) * 60_000;
  // A second pass settles an offset that differs across the guess (a DST change that day).
  return naive - offsetMinutes(first, timeZone) * 60_000;
}

export type StopStatus = 'pending' | 'late' | 'here' | 'done' | 'skipped';

export interface StopView {
  readonly stopId: string;
  readonly status: StopStatus;
  readonly plannedArrival: number;
  readonly plannedDeparture: number;
  readonly arrivedAt: number | null;
  readonly departedAt: number | null;
  /** Minutes after the planned arrival it was reached (or is still awaited), when positive. */
  readonly lateMinutes: number;
}

/**
 * Each stop's status at `now`: `here` between arrival and departure, `done` after, `late` when
 * not reached LATE_STOP_GRACE_MINUTES after its planned arrival, `skipped` when a later stop
 * was reached first, else `pending`.
 */
export function itineraryStatus(
  stops: readonly PlannedStop[],
  records: readonly StopRecord[],
  votingDay: string,
  timeZone: string,
  now: number,
): StopView[] {
  const byId = new Map(records.map((r) => [r.stopId, r]));
  const reachedLater = stops.map((_, i) =>
    stops.slice(i + 1).some((s) => (byId.get(s.id)?.arrivedAt ?? null) !== null),
  );
  return stops.map((s, i) => {
    const r = byId.get(s.id);
    const plannedArrival = itineraryInstant(votingDay, s.arrive, timeZone);
    const plannedDeparture = itineraryInstant(votingDay, s.depart, timeZone);
    const arrivedAt = r?.arrivedAt ?? null;
    const departedAt = r?.departedAt ?? null;
    const lateBy = ((arrivedAt ?? now) - plannedArrival) / 60_000;
    let status: StopStatus;
    if (arrivedAt !== null) status = departedAt === null ? 'here' : 'done';
    else if (reachedLater[i] === true) status = 'skipped';
    else status = lateBy > LATE_STOP_GRACE_MINUTES ? 'late' : 'pending';
    return {
      stopId: s.id,
      status,
      plannedArrival,
      plannedDeparture,
      arrivedAt,
      departedAt,
      lateMinutes: Math.max(0, Math.floor(lateBy)),
    };
  });
}

/** The stop the branch is at now, else the next one it is heading for; null when all done. */
export function currentItineraryStop(views: readonly StopView[]): StopView | null {
  return (
    views.find((v) => v.status === 'here') ??
    views.find((v) => v.status === 'pending' || v.status === 'late') ??
    null
  );
}
