/**
 * Turnout by hour in the election's civil time (DESIGN §9: instants in UTC, civil times in
 * Asia/Tehran). Pure: the store groups marks by the UTC instant's text and this turns each
 * UTC hour into the Tehran hour people read.
 */

const hourFormatters = new Map<string, Intl.DateTimeFormat>();

function hourFormatter(timeZone: string): Intl.DateTimeFormat {
  let found = hourFormatters.get(timeZone);
  if (found === undefined) {
    found = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    hourFormatters.set(timeZone, found);
  }
  return found;
}

/**
 * The civil hour `YYYY-MM-DDTHH` (Gregorian, in `timeZone`) an instant falls in. Tehran is
 * UTC+03:30: a UTC hour straddles two Tehran hours, so callers group by UTC half hour.
 */
export function civilHour(instant: string | Date, timeZone = 'Asia/Tehran'): string {
  const parts = hourFormatter(timeZone).formatToParts(
    typeof instant === 'string' ? new Date(instant) : instant,
  );
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}`;
}

/** `HH:MM` in `timeZone`, as the "already voted at …" answer shows it. */
export function civilTime(instant: string, timeZone = 'Asia/Tehran'): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}
