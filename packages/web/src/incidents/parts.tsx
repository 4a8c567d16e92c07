import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { call, type ApiResult } from '../api.js';
import { Loaded } from '../operations/common.js';
import { digits, formatInstant, formatNumber, type Lang } from '../format.js';
import { useLang } from '../language.js';

/**
 * The pieces of the incidents board (screens/Incidents.tsx, docs/OPERATIONS.md §8.1): the HQ's
 * answers as the screen reads them, the labels of kinds, severities, states and steps, a zone
 * HQ's figures, an incident's timeline and a table of incidents.
 */
export interface Figures {
  readonly zoneHqId: string;
  readonly at?: string;
  readonly open: number;
  readonly openBySeverity: Readonly<Record<string, number>>;
  readonly acknowledgeSeconds: { readonly median: number | null; readonly p95: number | null };
  readonly resolveSeconds: { readonly median: number | null; readonly p95: number | null };
  readonly breachedNow: number;
  readonly unableToVote: readonly {
    readonly branchId: string;
    readonly since: string;
    readonly forSeconds: number;
  }[];
}
export interface Incident {
  readonly id: string;
  readonly branchId: string;
  readonly zoneHqId: string;
  readonly kind: string;
  readonly severity: string;
  readonly state: string;
  readonly description: string;
  readonly reportedAt: string;
  readonly targets: { readonly acknowledgeBy: string; readonly resolveBy: string };
  readonly escalatedToCounty: {
    readonly acknowledge: string | null;
    readonly resolve: string | null;
  };
  readonly timeline?: readonly {
    readonly step: string;
    readonly at: string;
    readonly actor: string;
    readonly note: string | null;
  }[];
}
export interface Step {
  readonly incidentId: string;
  readonly branchId: string;
  readonly kind: string;
  readonly severity: string;
  readonly step: string;
  readonly at: string;
}
export interface Board {
  readonly at: string;
  readonly zones: readonly Figures[];
  readonly escalated: readonly Incident[];
}

export const KINDS = new Set([
  'authentication-device',
  'voting-device',
  'printer-paper',
  'network',
  'power',
  'supplies',
  'queue',
  'security',
  'other',
]);
export const SEVERITIES = new Set(['cannot-vote', 'degraded', 'minor']);
export const STATES = new Set([
  'reported',
  'acknowledged',
  'assigned',
  'on-site',
  'resolved',
  'confirmed',
]);
export const STEPS = new Set([
  'reported',
  'acknowledge',
  'assign',
  'arrive',
  'resolve',
  'confirm',
  'reopen',
]);

export const label = (t: TFunction, family: string, known: ReadonlySet<string>, value: string) =>
  known.has(value) ? t(`incidents.${family}.${value}`) : value;

export function duration(t: TFunction, seconds: number | null, lang: Lang): string {
  if (seconds === null) return '—';
  const s = Math.max(0, Math.round(seconds));
  return t('incidents.duration', {
    minutes: formatNumber(Math.floor(s / 60), lang),
    seconds: formatNumber(s % 60, lang),
  });
}

export function FiguresView(props: { figures: Figures }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const f = props.figures;
  const n = (v: number) => formatNumber(v, lang);
  return (
    <div data-testid="incident-figures">
      <table className="table">
        <caption>{t('incidents.figuresTitle')}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('incidents.open')}</th>
            <td data-figure="open">
              {n(f.open)} (
              {[...SEVERITIES]
                .map(
                  (s) => `${label(t, 'severity', SEVERITIES, s)}: ${n(f.openBySeverity[s] ?? 0)}`,
                )
                .join(lang === 'fa' ? '، ' : ', ')}
              )
            </td>
          </tr>
          <tr>
            <th scope="row">{t('incidents.acknowledge')}</th>
            <td>
              {t('incidents.medianP95', {
                median: duration(t, f.acknowledgeSeconds.median, lang),
                p95: duration(t, f.acknowledgeSeconds.p95, lang),
              })}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('incidents.resolve')}</th>
            <td>
              {t('incidents.medianP95', {
                median: duration(t, f.resolveSeconds.median, lang),
                p95: duration(t, f.resolveSeconds.p95, lang),
              })}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('incidents.breachedNow')}</th>
            <td>{n(f.breachedNow)}</td>
          </tr>
        </tbody>
      </table>
      <h3>{t('incidents.unableTitle')}</h3>
      {f.unableToVote.length === 0 ? (
        <p>{t('incidents.unableNone')}</p>
      ) : (
        <ul data-testid="unable-to-vote">
          {f.unableToVote.map((u) => (
            <li key={u.branchId}>
              {t('incidents.unableLine', {
                branch: digits(u.branchId, lang),
                since: formatInstant(u.since, lang),
                duration: duration(t, u.forSeconds, lang),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Timeline(props: { zoneHqId: string; incident: Incident; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [full, setFull] = useState<ApiResult<Incident>>();
  const { branchId, id } = props.incident;
  useEffect(() => {
    void call<Incident>(`/api/v1/branches/${branchId}/incidents/${id}`).then(setFull);
  }, [branchId, id]);
  return (
    <section aria-labelledby="timeline-title" data-testid="incident-timeline">
      <h3 id="timeline-title">
        {t('incidents.timelineTitle', { branch: digits(branchId, lang) })}
      </h3>
      <Loaded result={full}>
        {(f) => (
          <>
            <p>{f.description}</p>
            <ol>
              {(f.timeline ?? []).map((e, i) => (
                <li key={`${e.at}-${String(i)}`}>
                  {t('incidents.timelineLine', {
                    step: label(t, 'step', STEPS, e.step),
                    at: formatInstant(e.at, lang),
                    actor: e.actor,
                  })}
                  {e.note === null ? '' : ` — ${e.note}`}
                </li>
              ))}
            </ol>
          </>
        )}
      </Loaded>
      <button type="button" onClick={props.onClose}>
        {t('incidents.closeTimeline')}
      </button>
    </section>
  );
}

export function IncidentTable(props: {
  caption: string;
  incidents: readonly Incident[];
  onOpen: (i: Incident) => void;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <table className="table" data-testid="open-incidents">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('incidents.branch')}</th>
          <th scope="col">{t('incidents.kindCol')}</th>
          <th scope="col">{t('incidents.severityCol')}</th>
          <th scope="col">{t('incidents.stateCol')}</th>
          <th scope="col">{t('incidents.reportedAt')}</th>
          <th scope="col">{t('incidents.resolveBy')}</th>
          <th scope="col">{t('incidents.timeline')}</th>
        </tr>
      </thead>
      <tbody>
        {props.incidents.map((i) => (
          <tr key={i.id} data-incident={i.id}>
            <td>{digits(i.branchId, lang)}</td>
            <td>{label(t, 'kind', KINDS, i.kind)}</td>
            <td>{label(t, 'severity', SEVERITIES, i.severity)}</td>
            <td>
              {label(t, 'state', STATES, i.state)}
              {i.escalatedToCounty.acknowledge !== null || i.escalatedToCounty.resolve !== null
                ? ` — ${t('incidents.escalated')}`
                : ''}
            </td>
            <td>{formatInstant(i.reportedAt, lang)}</td>
            <td>{formatInstant(i.targets.resolveBy, lang)}</td>
            <td>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  props.onOpen(i);
                }}
              >
                {t('incidents.showTimeline', { branch: digits(i.branchId, lang) })}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
