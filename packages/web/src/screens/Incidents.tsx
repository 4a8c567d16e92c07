import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, query, type ApiResult } from '../api.js';
import { Loading, ProblemAlert } from '../components.js';
import { CountyTable, Loaded, ZoneScreen } from '../operations/common.js';
import {
  duration,
  FiguresView,
  IncidentTable,
  KINDS,
  label,
  STEPS,
  Timeline,
  type Board,
  type Figures,
  type Incident,
  type Step,
} from '../incidents/parts.js';
import { digits, formatInstant, formatNumber } from '../format.js';
import { useLang } from '../language.js';

/**
 * The incidents board (issue 8, docs/OPERATIONS.md §8.1): for a zone HQ, its open incidents,
 * each one's timeline, and its figures — open incidents, median and 95th-percentile time to
 * acknowledge and to resolve, branches unable to vote and for how long — kept live by the
 * zone's Server-Sent Events stream. The browser's EventSource reconnects by itself (with
 * Last-Event-ID, so no step is missed); when the stream cannot be had at all, the screen polls
 * the `?since=` feed instead. The county HQ first sees every zone HQ's figures and what was
 * escalated to it, and opens any zone from there. A zone HQ's people open on their own.
 */
type Feed = 'connecting' | 'live' | 'reconnecting' | 'polling';

const POLL_MS = 5_000;

/** A table of incidents (or `none` when there are none), and the timeline of the one opened. */
function IncidentsWithTimeline(props: {
  incidents: readonly Incident[];
  caption: string;
  none: string;
  zoneHqId: (incident: Incident) => string;
}) {
  const [chosen, setChosen] = useState<Incident>();
  return (
    <>
      {props.incidents.length === 0 ? (
        <p>{props.none}</p>
      ) : (
        <IncidentTable caption={props.caption} incidents={props.incidents} onOpen={setChosen} />
      )}
      {chosen === undefined ? null : (
        <Timeline
          zoneHqId={props.zoneHqId(chosen)}
          incident={chosen}
          onClose={() => {
            setChosen(undefined);
          }}
        />
      )}
    </>
  );
}

/** One zone HQ, live: the stream first, polling `?since=` when the stream cannot be had. */
function ZoneLive(props: { zoneHqId: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { zoneHqId } = props;
  const [figures, setFigures] = useState<Figures>();
  const [open, setOpen] = useState<ApiResult<{ incidents: Incident[] }>>();
  const [steps, setSteps] = useState<readonly Step[]>([]);
  const [feed, setFeed] = useState<Feed>('connecting');
  const [refused, setRefused] = useState<ApiResult<unknown>>();
  const since = useRef('');

  useEffect(() => {
    const base = `/api/v1/zone-hqs/${encodeURIComponent(zoneHqId)}`;
    let stopped = false;
    let poller: ReturnType<typeof setInterval> | undefined;
    let reload: ReturnType<typeof setTimeout> | undefined;
    since.current = '';
    setSteps([]);
    setFigures(undefined);
    setRefused(undefined);

    const loadOpen = async () => {
      const r = await call<{ incidents: Incident[] }>(
        `${base}/incidents${query({ open: 'true' })}`,
      );
      if (!stopped) setOpen(r);
    };
    const soon = () => {
      if (reload !== undefined) clearTimeout(reload);
      reload = setTimeout(() => void loadOpen(), 300);
    };
    const took = (got: readonly Step[]) => {
      if (got.length === 0) return;
      const last = got.at(-1);
      if (last !== undefined) since.current = last.at;
      setSteps((s) => [...got].reverse().concat(s).slice(0, 20));
      soon();
    };
    const poll = async () => {
      const [fed, fig] = await Promise.all([
        call<{ events: Step[] }>(`${base}/incidents/feed${query({ since: since.current })}`),
        call<Figures>(`${base}/incidents/figures`),
      ]);
      if (stopped) return;
      if (!fed.ok) {
        setRefused(fed);
        // Refused (signed out, out of scope): asking again would only be refused again.
        if ((fed.status === 401 || fed.status === 403) && poller !== undefined)
          clearInterval(poller);
        return;
      }
      if (fig.ok) setFigures(fig.value);
      took(fed.value.events);
    };
    const startPolling = () => {
      setFeed('polling');
      void poll();
      poller ??= setInterval(() => void poll(), POLL_MS);
    };

    void loadOpen();
    if (typeof EventSource === 'undefined') {
      startPolling();
    } else {
      const source = new EventSource(`${base}/incidents/stream`);
      source.addEventListener('open', () => {
        setFeed('live');
      });
      source.addEventListener('figures', (e) => {
        setFigures(JSON.parse((e as MessageEvent<string>).data) as Figures);
      });
      source.addEventListener('incident', (e) => {
        took([JSON.parse((e as MessageEvent<string>).data) as Step]);
      });
      source.addEventListener('error', () => {
        // CONNECTING: the browser retries by itself, resuming after Last-Event-ID.
        // CLOSED: refused or not a stream at all — poll instead (and show why, if refused).
        if (source.readyState === EventSource.CLOSED) startPolling();
        else setFeed('reconnecting');
      });
      return () => {
        stopped = true;
        source.close();
        if (poller !== undefined) clearInterval(poller);
        if (reload !== undefined) clearTimeout(reload);
      };
    }
    return () => {
      stopped = true;
      if (poller !== undefined) clearInterval(poller);
      if (reload !== undefined) clearTimeout(reload);
    };
  }, [zoneHqId]);

  return (
    <section aria-labelledby="zone-title" data-testid="zone-incidents" data-feed={feed}>
      <h2 id="zone-title">{t('incidents.zoneTitle', { zoneHq: digits(zoneHqId, lang) })}</h2>
      <p role="status" className="muted" data-testid="feed-state">
        {t(`incidents.feed.${feed}`)}
        {figures?.at === undefined
          ? ''
          : ` — ${t('incidents.at', { at: formatInstant(figures.at, lang) })}`}
      </p>
      {refused !== undefined && !refused.ok ? (
        <ProblemAlert problem={refused.problem} status={refused.status} />
      ) : null}
      {figures === undefined ? <Loading /> : <FiguresView figures={figures} />}
      <Loaded result={open}>
        {(o) => (
          <IncidentsWithTimeline
            incidents={o.incidents}
            caption={t('incidents.openTitle')}
            none={t('incidents.noneOpen')}
            zoneHqId={() => zoneHqId}
          />
        )}
      </Loaded>
      <h3>{t('incidents.feedTitle')}</h3>
      <ul aria-live="polite" data-testid="incident-feed">
        {steps.map((s) => (
          <li key={`${s.incidentId}-${s.step}-${s.at}`}>
            {t('incidents.feedLine', {
              at: formatInstant(s.at, lang),
              branch: digits(s.branchId, lang),
              kind: label(t, 'kind', KINDS, s.kind),
              step: label(t, 'step', STEPS, s.step),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The county HQ's board: every zone HQ's figures, and what was escalated to the county. */
function CountyBoard(props: { onZone: (zoneHqId: string) => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [board, setBoard] = useState<ApiResult<Board>>();
  useEffect(() => {
    void call<Board>('/api/v1/incidents/figures').then(setBoard);
  }, []);
  const n = (v: number) => formatNumber(v, lang);
  return (
    <Loaded result={board}>
      {(b) => (
        <section data-testid="county-incidents">
          <CountyTable
            caption={t('incidents.countyTitle')}
            columns={[
              t('incidents.zoneHq'),
              t('incidents.open'),
              t('incidents.acknowledge'),
              t('incidents.resolve'),
              t('incidents.breachedNow'),
              t('incidents.unableCol'),
            ]}
            zones={b.zones}
            openLabel={(zoneHq) => t('incidents.openZone', { zoneHq })}
            onZone={props.onZone}
            cells={(z) => (
              <>
                <td>{n(z.open)}</td>
                <td>
                  {t('incidents.medianP95', {
                    median: duration(t, z.acknowledgeSeconds.median, lang),
                    p95: duration(t, z.acknowledgeSeconds.p95, lang),
                  })}
                </td>
                <td>
                  {t('incidents.medianP95', {
                    median: duration(t, z.resolveSeconds.median, lang),
                    p95: duration(t, z.resolveSeconds.p95, lang),
                  })}
                </td>
                <td>{n(z.breachedNow)}</td>
                <td>{n(z.unableToVote.length)}</td>
              </>
            )}
          />
          <IncidentsWithTimeline
            incidents={b.escalated}
            caption={t('incidents.escalatedTitle')}
            none={t('incidents.noneEscalated')}
            zoneHqId={(i) => i.zoneHqId}
          />
        </section>
      )}
    </Loaded>
  );
}

export function Incidents() {
  return (
    <ZoneScreen
      area="incidents"
      whileSessionLoads
      county={(onZone) => <CountyBoard onZone={onZone} />}
      zone={(zoneHqId) => <ZoneLive zoneHqId={zoneHqId} />}
    />
  );
}
