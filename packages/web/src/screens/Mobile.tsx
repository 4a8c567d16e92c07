import { useTranslation } from 'react-i18next';
import { call } from '../api.js';
import { digits, formatNumber } from '../format.js';
import { useLang } from '../language.js';
import {
  CountyTable,
  formatClock,
  idList,
  isolate,
  Loaded,
  useEachZoneHq,
  useReloaded,
  ZoneScreen,
} from '../operations/common.js';

/**
 * Mobile branches (issue 8, docs/OPERATIONS.md §8.4): each of a zone HQ's mobile branches with
 * its itinerary — every stop's planned and actual arrival and departure on Tehran's clock, its
 * voters — the stop it is at or heading to, and the stops late beyond the 15 minutes' grace
 * (each of which has raised an incident). The county HQ sees every zone HQ's mobile branches
 * and late stops and opens one; a zone HQ's people open on their own. Read again every 15 s.
 */
type StopStatus = 'pending' | 'late' | 'here' | 'done' | 'skipped';

interface Stop {
  readonly stopId: string;
  readonly status: StopStatus;
  readonly plannedArrival: string | null;
  readonly plannedDeparture: string | null;
  readonly arrivedAt: string | null;
  readonly departedAt: string | null;
  readonly lateMinutes: number;
  readonly voters: number | null;
}
interface Itinerary {
  readonly branchId: string;
  readonly zoneHqId: string;
  readonly currentStop: string | null;
  readonly late: readonly string[];
  readonly stops: readonly Stop[];
}
interface ZoneMobile {
  readonly zoneHqId: string;
  readonly branches: readonly Itinerary[];
}

const RELOAD_MS = 15_000;
const zonePath = (zoneHqId: string) => `/api/v1/zone-hqs/${encodeURIComponent(zoneHqId)}/mobile`;

function StatusWord(props: { stop: Stop }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  switch (props.stop.status) {
    case 'pending':
      return <span>{t('mobile.status.pending')}</span>;
    case 'here':
      return <strong>{t('mobile.status.here')}</strong>;
    case 'done':
      return <span className="state-good">{t('mobile.status.done')}</span>;
    case 'skipped':
      return <strong className="state-bad">{t('mobile.status.skipped')}</strong>;
    case 'late':
      return (
        <strong className="state-bad">
          {t('mobile.status.late', { minutes: formatNumber(props.stop.lateMinutes, lang) })}
        </strong>
      );
  }
}

function ItineraryTable(props: { itinerary: Itinerary }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const it = props.itinerary;
  const clock = (iso: string | null) => formatClock(iso, lang);
  const id = (v: string) => digits(v, lang);
  const code = (v: string) => isolate(id(v));
  return (
    <div className="table-wrap" data-testid="itinerary" data-branch={it.branchId}>
      <table className="table">
        <caption>
          {t('mobile.itineraryTitle', { branch: code(it.branchId) })}{' '}
          {it.currentStop === null
            ? t('mobile.finished')
            : t('mobile.current', { stop: code(it.currentStop) })}
          {it.late.length === 0
            ? ''
            : ` ${t('mobile.lateStops', { stops: idList(it.late, lang, id) })}`}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('mobile.stop')}</th>
            <th scope="col">{t('mobile.plannedArrival')}</th>
            <th scope="col">{t('mobile.arrivedAt')}</th>
            <th scope="col">{t('mobile.plannedDeparture')}</th>
            <th scope="col">{t('mobile.departedAt')}</th>
            <th scope="col">{t('mobile.voters')}</th>
            <th scope="col">{t('mobile.statusCol')}</th>
          </tr>
        </thead>
        <tbody>
          {it.stops.map((s) => (
            <tr
              key={s.stopId}
              data-stop={s.stopId}
              data-status={s.status}
              aria-current={s.stopId === it.currentStop ? 'location' : undefined}
            >
              <th scope="row">
                <bdi dir="ltr">{id(s.stopId)}</bdi>
              </th>
              <td>{clock(s.plannedArrival)}</td>
              <td>{clock(s.arrivedAt)}</td>
              <td>{clock(s.plannedDeparture)}</td>
              <td>{clock(s.departedAt)}</td>
              <td>{s.voters === null ? '—' : formatNumber(s.voters, lang)}</td>
              <td>
                <StatusWord stop={s} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ZoneMobileView(props: { zoneHqId: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { zoneHqId } = props;
  const view = useReloaded<ZoneMobile>(
    zoneHqId,
    () => call<ZoneMobile>(zonePath(zoneHqId)),
    RELOAD_MS,
  );
  const late = view?.ok === true ? view.value.branches.flatMap((b) => b.late) : [];
  return (
    <section aria-labelledby="mobile-zone-title" data-testid="zone-mobile">
      <h2 id="mobile-zone-title">{t('mobile.zoneTitle', { zoneHq: digits(zoneHqId, lang) })}</h2>
      <Loaded result={view}>
        {(v) =>
          v.branches.length === 0 ? (
            <p>{t('mobile.none')}</p>
          ) : (
            <>
              <p
                role="status"
                data-testid="mobile-late"
                className={late.length > 0 ? 'state-bad' : undefined}
              >
                {late.length === 0
                  ? t('mobile.noneLate')
                  : t('mobile.lateSummary', {
                      number: formatNumber(late.length, lang),
                      stops: idList(late, lang, (id) => digits(id, lang)),
                    })}
              </p>
              {v.branches.map((b) => (
                <ItineraryTable key={b.branchId} itinerary={b} />
              ))}
            </>
          )
        }
      </Loaded>
    </section>
  );
}

/** Every zone HQ's mobile branches, where each is, and the late stops. */
function CountyMobile(props: { onZone: (zoneHqId: string) => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const views = useEachZoneHq((id) => call<ZoneMobile>(zonePath(id)), RELOAD_MS);
  const id = (v: string) => digits(v, lang);
  return (
    <Loaded result={views}>
      {(zones) => (
        <div data-testid="county-mobile" className="table-wrap">
          <CountyTable
            caption={t('mobile.countyTitle')}
            columns={[
              t('mobile.zoneHq'),
              t('mobile.branchesCol'),
              t('mobile.whereCol'),
              t('mobile.lateCol'),
            ]}
            zones={zones}
            openLabel={(zoneHq) => t('mobile.openZone', { zoneHq })}
            onZone={props.onZone}
            cells={(z) => (
              <>
                <td>{formatNumber(z.branches.length, lang)}</td>
                <td>
                  {z.branches.length === 0
                    ? '—'
                    : z.branches
                        .map((b) =>
                          t('mobile.where', {
                            branch: isolate(id(b.branchId)),
                            stop:
                              b.currentStop === null
                                ? t('mobile.finished')
                                : isolate(id(b.currentStop)),
                          }),
                        )
                        .join(lang === 'fa' ? '؛ ' : '; ')}
                </td>
                <td>
                  {idList(
                    z.branches.flatMap((b) => b.late),
                    lang,
                    id,
                  )}
                </td>
              </>
            )}
          />
        </div>
      )}
    </Loaded>
  );
}

export function Mobile() {
  return (
    <ZoneScreen
      area="mobile"
      county={(onZone) => <CountyMobile onZone={onZone} />}
      zone={(zoneHqId) => <ZoneMobileView zoneHqId={zoneHqId} />}
    />
  );
}
