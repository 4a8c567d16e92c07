import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, query, type ApiResult } from '../api.js';
import { Loaded } from '../operations/common.js';
import { digits, formatInstant, formatNumber } from '../format.js';
import { useLang } from '../language.js';
import { useSession } from '../session.js';

/**
 * The IT committee's device readiness view (issue 8, docs/OPERATIONS.md §8.6): per zone HQ,
 * how many devices are ready; every device that is not, with why (not reported, an older
 * package, a failed self-test, its branch not opened, out of service); branches left without a
 * device in service; and the spares waiting at each zone HQ. A zone HQ's committee sees its own
 * zone HQ (the HQ refuses any other).
 */
interface DeviceRow {
  readonly serial: string;
  readonly kind: string;
  readonly zoneHqId: string;
  readonly branchId: string | null;
  readonly status: string;
  readonly ready: boolean;
  readonly gaps: readonly string[];
  readonly failedChecks: readonly string[];
  readonly reportedAt: string | null;
}
interface View {
  readonly at: string;
  readonly devices: readonly DeviceRow[];
  readonly spares: readonly {
    readonly serial: string;
    readonly zoneHqId: string;
    readonly status: string;
    readonly available: boolean;
  }[];
  readonly branchesMissingDevices: readonly {
    readonly branchId: string;
    readonly zoneHqId: string;
    readonly missing: readonly string[];
  }[];
  readonly zones: readonly {
    readonly zoneHqId: string;
    readonly devices: number;
    readonly ready: number;
    readonly sparesAvailable: number;
    readonly branchesMissingDevices: number;
  }[];
}

const GAPS = new Set([
  'out-of-service',
  'unassigned',
  'not-reported',
  'package-stale',
  'self-test-failed',
  'branch-not-opened',
]);

export function DeviceReadiness() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { me } = useSession();
  const own = me?.account.scope.kind === 'zoneHq' ? me.account.scope.zoneHqId : '';
  const [zone, setZone] = useState(own);
  const [view, setView] = useState<ApiResult<View>>();

  const load = async (z: string) => {
    setView(await call<View>(`/api/v1/devices/readiness${query({ zone: z })}`));
  };
  useEffect(() => {
    void load(own);
  }, [own]);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void load(zone.trim());
  };
  const n = (v: number) => formatNumber(v, lang);
  const gapText = (g: string) => (GAPS.has(g) ? t(`readiness.gap.${g}`) : g);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t('readiness.title')}
      </h1>
      <p>{t('readiness.intro')}</p>
      <form onSubmit={submit} className="form inline">
        <div className="field">
          <label htmlFor="readiness-zone">{t('readiness.zone')}</label>
          <input
            id="readiness-zone"
            dir="ltr"
            autoComplete="off"
            maxLength={64}
            value={zone}
            onChange={(e) => {
              setZone(e.target.value);
            }}
          />
        </div>
        <button type="submit">{t('readiness.show')}</button>
      </form>
      <Loaded result={view}>
        {(v) => (
          <div data-testid="device-readiness">
            <p className="muted">{t('readiness.at', { at: formatInstant(v.at, lang) })}</p>
            <h2>{t('readiness.zonesTitle')}</h2>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('readiness.zoneHq')}</th>
                  <th scope="col">{t('readiness.ready')}</th>
                  <th scope="col">{t('readiness.spares')}</th>
                  <th scope="col">{t('readiness.branchesMissing')}</th>
                </tr>
              </thead>
              <tbody>
                {v.zones.map((z) => (
                  <tr key={z.zoneHqId}>
                    <td>{digits(z.zoneHqId, lang)}</td>
                    <td>{t('readiness.readyOf', { ready: n(z.ready), devices: n(z.devices) })}</td>
                    <td>{n(z.sparesAvailable)}</td>
                    <td>{n(z.branchesMissingDevices)}</td>
                  </tr>
                ))}
              </tbody>
            </table>

            <h2>{t('readiness.notReadyTitle')}</h2>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('readiness.serial')}</th>
                  <th scope="col">{t('readiness.kind')}</th>
                  <th scope="col">{t('readiness.branch')}</th>
                  <th scope="col">{t('readiness.why')}</th>
                </tr>
              </thead>
              <tbody>
                {v.devices
                  .filter((d) => !d.ready && d.kind !== 'spare')
                  .map((d) => (
                    <tr key={d.serial} data-serial={d.serial}>
                      <td dir="ltr">{d.serial}</td>
                      <td>
                        {t(
                          `readiness.kinds.${d.kind === 'authentication' ? 'authentication' : 'voting'}`,
                        )}
                      </td>
                      <td>{d.branchId === null ? '—' : digits(d.branchId, lang)}</td>
                      <td>
                        {d.gaps.map(gapText).join(lang === 'fa' ? '، ' : ', ')}
                        {d.failedChecks.length > 0 ? ` (${d.failedChecks.join(', ')})` : ''}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>

            {v.branchesMissingDevices.length > 0 ? (
              <>
                <h2>{t('readiness.missingTitle')}</h2>
                <ul>
                  {v.branchesMissingDevices.map((g) => (
                    <li key={g.branchId}>
                      {t('readiness.missingLine', {
                        branch: digits(g.branchId, lang),
                        kinds: g.missing
                          .map((k) =>
                            t(
                              `readiness.kinds.${k === 'authentication' ? 'authentication' : 'voting'}`,
                            ),
                          )
                          .join(lang === 'fa' ? ' و ' : ' and '),
                      })}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}

            <h2>{t('readiness.sparesTitle')}</h2>
            <ul>
              {v.spares.map((s) => (
                <li key={s.serial}>
                  {t('readiness.spareLine', { serial: s.serial, zoneHq: digits(s.zoneHqId, lang) })}
                  {s.available ? '' : ` — ${t('readiness.gap.out-of-service')}`}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Loaded>
    </section>
  );
}
