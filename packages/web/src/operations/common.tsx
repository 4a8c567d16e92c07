import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type ApiResult } from '../api.js';
import { Loading, ProblemAlert } from '../components.js';
import { digits, ELECTION_TIME_ZONE, formatNumber, type Lang } from '../format.js';
import { useLang } from '../language.js';
import { ownZoneHq } from '../navRoles.js';
import { useSession } from '../session.js';
import type { AreaSummary } from '../types.js';

/**
 * What the branch-floor screens (speed of voting, staff in place, mobile branches) share: the
 * zone HQs to choose from, a reload every few seconds while the screen is open, and times on
 * Tehran's clock.
 */

/** Every zone HQ of the loaded election (public, as on the overview). */
export function useZoneHqs(): ApiResult<{ zoneHqs: readonly AreaSummary[] }> | undefined {
  const [zones, setZones] = useState<ApiResult<{ zoneHqs: readonly AreaSummary[] }>>();
  useEffect(() => {
    void call<{ zoneHqs: readonly AreaSummary[] }>('/api/v1/zone-hqs').then(setZones);
  }, []);
  return zones;
}

/**
 * The answer of `load`, asked again every `everyMs` while mounted (and at once when `key`
 * changes); the previous answer stays on screen until the next one comes.
 */
export function useReloaded<T>(
  key: string,
  load: () => Promise<ApiResult<T>>,
  everyMs: number,
): ApiResult<T> | undefined {
  const [value, setValue] = useState<ApiResult<T>>();
  useEffect(() => {
    let live = true;
    setValue(undefined);
    const ask = () => {
      void load().then((r) => {
        if (live) setValue(r);
      });
    };
    ask();
    const timer = window.setInterval(ask, everyMs);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
    // `load` is recreated on each render; `key` says when what it asks for changes.
  }, [key, everyMs]);
  return value;
}

/**
 * The same view of every zone HQ, `load(zoneHqId)` asked of each, all again every `everyMs`:
 * undefined while the zone HQs or their views are on the way; the first refusal (of the list of
 * zone HQs, then of any zone HQ's view) when there is one; else each zone HQ's view in order.
 */
export function useEachZoneHq<T>(
  load: (zoneHqId: string) => Promise<ApiResult<T>>,
  everyMs: number,
): ApiResult<readonly T[]> | undefined {
  const zones = useZoneHqs();
  const ids = zones?.ok === true ? zones.value.zoneHqs.map((z) => z.id) : [];
  const views = useReloaded<readonly ApiResult<T>[]>(
    ids.join(','),
    async () => ({ ok: true, value: await Promise.all(ids.map(load)) }),
    everyMs,
  );
  if (zones === undefined) return undefined;
  if (!zones.ok) return zones;
  if (views === undefined || !views.ok) return undefined;
  const value: T[] = [];
  for (const v of views.value) {
    if (!v.ok) return v;
    value.push(v.value);
  }
  return { ok: true, value };
}

/** `Loading` while `result` is on the way, its problem when refused, else `children(value)`. */
export function Loaded<T>(props: {
  result: ApiResult<T> | undefined;
  children: (value: T) => ReactNode;
}) {
  const { result } = props;
  if (result === undefined) return <Loading />;
  if (!result.ok) return <ProblemAlert problem={result.problem} status={result.status} />;
  return <>{props.children(result.value)}</>;
}

/**
 * The county HQ's table of zone HQs: a row a zone HQ, headed by a button that opens it
 * (`openLabel`), then the row's own cells (`<td>`s). `columns` heads every column, the zone
 * HQ's first.
 */
export function CountyTable<Z extends { readonly zoneHqId: string }>(props: {
  caption: string;
  columns: readonly string[];
  zones: readonly Z[];
  openLabel: (zoneHq: string) => string;
  onZone: (zoneHqId: string) => void;
  cells: (zone: Z) => ReactNode;
}) {
  const { lang } = useLang();
  return (
    <table className="table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th scope="col" key={c}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.zones.map((z) => (
          <tr key={z.zoneHqId} data-zone-hq={z.zoneHqId}>
            <th scope="row">
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  props.onZone(z.zoneHqId);
                }}
              >
                {props.openLabel(digits(z.zoneHqId, lang))}
              </button>
            </th>
            {props.cells(z)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The frame of a screen the county HQ opens zone by zone and a zone HQ's people open on their
 * own zone: title, intro, a word to sign in first, `lead` (above the rest), then for the county
 * HQ `county` with its choice of zone, or the way back to it, and the chosen zone's `zone`.
 * `area` is the i18n key the screen's words stand under (`title`, `intro`, `signInFirst`,
 * `backToCounty`). With `whileSessionLoads`, county and zone show before the session is known.
 */
export function ZoneScreen(props: {
  area: string;
  whileSessionLoads?: boolean;
  lead?: ReactNode;
  county: (onZone: (zoneHqId: string) => void) => ReactNode;
  zone: (zoneHqId: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const own = ownZoneHq(me?.account.scope);
  const [zone, setZone] = useState(own);
  useEffect(() => {
    setZone(own);
  }, [own]);
  const shown = me !== null && (me !== undefined || props.whileSessionLoads === true);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t(`${props.area}.title`)}
      </h1>
      <p>{t(`${props.area}.intro`)}</p>
      {me === null ? <p>{t(`${props.area}.signInFirst`)}</p> : null}
      {props.lead}
      {shown && own === '' ? (
        zone === '' ? (
          props.county(setZone)
        ) : (
          <button
            type="button"
            onClick={() => {
              setZone('');
            }}
          >
            {t(`${props.area}.backToCounty`)}
          </button>
        )
      ) : null}
      {shown && zone !== '' ? props.zone(zone) : null}
    </section>
  );
}

/** A clock time on the election's clock: '۱۰:۳۰' or '10:30'. */
export function formatClock(iso: string | null, lang: Lang): string {
  if (iso === null) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'fa' ? 'fa-IR' : 'en-US', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: ELECTION_TIME_ZONE,
  }).format(at);
}

/** Seconds, rounded, in words: '۷۲ ثانیه', '72 s'; a dash when there is no figure yet. */
export function useSeconds(): (seconds: number | null) => string {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (seconds) =>
    seconds === null
      ? '—'
      : t('speed.seconds', { seconds: formatNumber(Math.round(seconds), lang) });
}

/**
 * A code (branch, stop, zone HQ) set left to right inside running text, so Persian around it
 * does not reorder its parts: Unicode's left-to-right isolate, the plain-text `<bdi dir="ltr">`.
 */
export function isolate(text: string): string {
  return `\u2066${text}\u2069`;
}

/** Codes joined in the reader's language, each isolated left to right; a dash for none. */
export function idList(ids: readonly string[], lang: Lang, show: (id: string) => string): string {
  return ids.length === 0
    ? '—'
    : ids.map((id) => isolate(show(id))).join(lang === 'fa' ? '، ' : ', ');
}
