import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, query } from '../api.js';
import { digits, formatInstant, formatNumber, toLatinDigits } from '../format.js';
import { useLang } from '../language.js';
import {
  CountyTable,
  formatClock,
  idList,
  Loaded,
  useReloaded,
  useSeconds,
  ZoneScreen,
} from '../operations/common.js';
import { useSession } from '../session.js';

/**
 * Speed of voting (issue 8, docs/OPERATIONS.md §8.5): the time each voter spends in a branch —
 * median and 95th percentile over the passes the stations reported, per step — slowest branch
 * first, with the queue each branch last reported and the alert where a branch's median is over
 * the target. The county HQ sees every zone HQ and the slowest branches of all; a zone HQ's
 * people open on their own. Read again every 15 s.
 */
const STEPS = ['identity', 'wait-device', 'casting', 'printing'] as const;
type Step = (typeof STEPS)[number];

interface Figure {
  readonly count: number;
  readonly median: number | null;
  readonly p95: number | null;
}
interface BranchSpeed {
  readonly branchId: string;
  readonly zoneHqId: string;
  readonly voters: Figure;
  readonly steps: Readonly<Record<Step, Figure>>;
  readonly queue: { readonly length: number; readonly at: string } | null;
  readonly targetSeconds: number;
  readonly overTarget: boolean;
}
interface ZoneSpeed {
  readonly zoneHqId: string;
  readonly targetSeconds: number;
  readonly voters: Figure | null;
  readonly steps: Readonly<Record<Step, Figure>> | null;
  readonly alerts: readonly string[];
  readonly branches: readonly BranchSpeed[];
}
interface CountySpeed {
  readonly targetSeconds: number;
  readonly zones: readonly {
    readonly zoneHqId: string;
    readonly voters: Figure;
    readonly overTarget: readonly string[];
  }[];
  readonly slowest: readonly BranchSpeed[];
}

const RELOAD_MS = 15_000;
const DEFAULT_TARGET = 60;

function useStepLabel(): (step: Step) => string {
  const { t } = useTranslation();
  return (step) => {
    switch (step) {
      case 'identity':
        return t('speed.step.identity');
      case 'wait-device':
        return t('speed.step.waitDevice');
      case 'casting':
        return t('speed.step.casting');
      case 'printing':
        return t('speed.step.printing');
    }
  };
}

/** The alert state in words (never colour alone). */
function AlertState(props: { branch: BranchSpeed }) {
  const { t } = useTranslation();
  const { branch } = props;
  if (branch.voters.median === null)
    return <span data-state="none">{t('speed.state.noPasses')}</span>;
  return branch.overTarget ? (
    <strong className="state-bad" data-state="over">
      {t('speed.state.over')}
    </strong>
  ) : (
    <span className="state-good" data-state="within">
      {t('speed.state.within')}
    </span>
  );
}

function QueueCell(props: { queue: BranchSpeed['queue'] }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  if (props.queue === null) return <>{t('speed.noQueue')}</>;
  return (
    <>
      {t('speed.queueLine', {
        length: formatNumber(props.queue.length, lang),
        at: formatClock(props.queue.at, lang),
      })}
    </>
  );
}

function BranchTable(props: {
  caption: string;
  branches: readonly BranchSpeed[];
  withZone: boolean;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const seconds = useSeconds();
  const stepLabel = useStepLabel();
  const n = (v: number) => formatNumber(v, lang);
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('speed.branch')}</th>
            {props.withZone ? <th scope="col">{t('speed.zoneHq')}</th> : null}
            <th scope="col">{t('speed.median')}</th>
            <th scope="col">{t('speed.p95')}</th>
            <th scope="col">{t('speed.voters')}</th>
            {STEPS.map((s) => (
              <th scope="col" key={s}>
                {stepLabel(s)}
              </th>
            ))}
            <th scope="col">{t('speed.queue')}</th>
            <th scope="col">{t('speed.state.title')}</th>
          </tr>
        </thead>
        <tbody>
          {props.branches.map((b) => (
            <tr key={b.branchId} data-branch={b.branchId}>
              <th scope="row">
                <bdi dir="ltr">{digits(b.branchId, lang)}</bdi>
              </th>
              {props.withZone ? (
                <td>
                  <bdi dir="ltr">{digits(b.zoneHqId, lang)}</bdi>
                </td>
              ) : null}
              <td data-figure="median">{seconds(b.voters.median)}</td>
              <td>{seconds(b.voters.p95)}</td>
              <td>{n(b.voters.count)}</td>
              {STEPS.map((s) => (
                <td key={s}>{seconds(b.steps[s].median)}</td>
              ))}
              <td>
                <QueueCell queue={b.queue} />
              </td>
              <td>
                <AlertState branch={b} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The branches over target, said first and as a status so a screen reader hears it. */
function Alerts(props: { alerts: readonly string[]; target: number }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <p
      role="status"
      data-testid="speed-alerts"
      className={props.alerts.length > 0 ? 'state-bad' : undefined}
    >
      {props.alerts.length === 0
        ? t('speed.noAlerts', { target: formatNumber(props.target, lang) })
        : t('speed.alerts', {
            target: formatNumber(props.target, lang),
            branches: idList(props.alerts, lang, (id) => digits(id, lang)),
          })}
    </p>
  );
}

function ZoneSpeedView(props: { zoneHqId: string; target: number }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const seconds = useSeconds();
  const stepLabel = useStepLabel();
  const { zoneHqId, target } = props;
  const view = useReloaded<ZoneSpeed>(
    `${zoneHqId}/${String(target)}`,
    () =>
      call<ZoneSpeed>(
        `/api/v1/zone-hqs/${encodeURIComponent(zoneHqId)}/speed${query({ targetSeconds: String(target) })}`,
      ),
    RELOAD_MS,
  );
  const [at, setAt] = useState('');
  useEffect(() => {
    if (view !== undefined) setAt(new Date().toISOString());
  }, [view]);
  return (
    <section aria-labelledby="speed-zone-title" data-testid="zone-speed">
      <h2 id="speed-zone-title">{t('speed.zoneTitle', { zoneHq: digits(zoneHqId, lang) })}</h2>
      <Loaded result={view}>
        {(v) => (
          <>
            <Alerts alerts={v.alerts} target={v.targetSeconds} />
            <p>
              {v.voters === null || v.voters.count === 0
                ? t('speed.noPassesZone')
                : t('speed.zoneLine', {
                    median: seconds(v.voters.median),
                    p95: seconds(v.voters.p95),
                    voters: formatNumber(v.voters.count, lang),
                  })}{' '}
              {at === '' ? null : (
                <span className="muted">{t('speed.updated', { at: formatInstant(at, lang) })}</span>
              )}
            </p>
            {v.steps === null ? null : (
              <ul className="figures" aria-label={t('speed.stepsTitle')}>
                {STEPS.map((s) => (
                  <li key={s}>
                    {t('speed.stepLine', {
                      step: stepLabel(s),
                      median: seconds(v.steps?.[s].median ?? null),
                      p95: seconds(v.steps?.[s].p95 ?? null),
                    })}
                  </li>
                ))}
              </ul>
            )}
            <BranchTable
              caption={t('speed.branchesTitle')}
              branches={v.branches}
              withZone={false}
            />
          </>
        )}
      </Loaded>
    </section>
  );
}

function CountySpeedView(props: { target: number; onZone: (zoneHqId: string) => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const seconds = useSeconds();
  const view = useReloaded<CountySpeed>(
    String(props.target),
    () => call<CountySpeed>(`/api/v1/speed${query({ targetSeconds: String(props.target) })}`),
    RELOAD_MS,
  );
  return (
    <Loaded result={view}>
      {(v) => (
        <div data-testid="county-speed">
          <Alerts alerts={v.zones.flatMap((z) => z.overTarget)} target={v.targetSeconds} />
          <div className="table-wrap">
            <CountyTable
              caption={t('speed.countyTitle')}
              columns={[
                t('speed.zoneHq'),
                t('speed.median'),
                t('speed.p95'),
                t('speed.voters'),
                t('speed.overCol'),
              ]}
              zones={v.zones}
              openLabel={(zoneHq) => t('speed.openZone', { zoneHq })}
              onZone={props.onZone}
              cells={(z) => (
                <>
                  <td>{seconds(z.voters.median)}</td>
                  <td>{seconds(z.voters.p95)}</td>
                  <td>{formatNumber(z.voters.count, lang)}</td>
                  <td>{idList(z.overTarget, lang, (id) => digits(id, lang))}</td>
                </>
              )}
            />
          </div>
          <BranchTable caption={t('speed.slowestTitle')} branches={v.slowest} withZone />
        </div>
      )}
    </Loaded>
  );
}

/** The target (seconds per voter) the alerts are judged against; 5 to 3600 as the HQ takes. */
function TargetForm(props: { target: number; onTarget: (target: number) => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [text, setText] = useState(digits(String(props.target), lang));
  const [bad, setBad] = useState(false);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const value = Number(toLatinDigits(text.trim()));
    const ok = Number.isInteger(value) && value >= 5 && value <= 3600;
    setBad(!ok);
    if (ok) props.onTarget(value);
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <label htmlFor="speed-target">{t('speed.target')}</label>
      <input
        id="speed-target"
        inputMode="numeric"
        value={text}
        aria-describedby="speed-target-hint"
        aria-invalid={bad}
        onChange={(e) => {
          setText(e.target.value);
        }}
      />
      <button type="submit">{t('speed.apply')}</button>
      <span id="speed-target-hint" className={bad ? 'hint state-bad' : 'hint'}>
        {t('speed.targetHint')}
      </span>
    </form>
  );
}

export function VoterSpeed() {
  const { me } = useSession();
  const [target, setTarget] = useState(DEFAULT_TARGET);
  return (
    <ZoneScreen
      area="speed"
      lead={
        me !== null && me !== undefined ? <TargetForm target={target} onTarget={setTarget} /> : null
      }
      county={(onZone) => <CountySpeedView target={target} onZone={onZone} />}
      zone={(zoneHqId) => <ZoneSpeedView zoneHqId={zoneHqId} target={target} />}
    />
  );
}
