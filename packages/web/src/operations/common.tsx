import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type ApiResult } from '../api.js';
import { ELECTION_TIME_ZONE, formatNumber, type Lang } from '../format.js';
import { useLang } from '../language.js';
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
