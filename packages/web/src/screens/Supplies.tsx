import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type ApiResult } from '../api.js';
import { Loading, ProblemAlert } from '../components.js';
import { digits, formatInstant, formatNumber } from '../format.js';
import { useLang } from '../language.js';
import { ownZoneHq } from '../navRoles.js';
import { useSession } from '../session.js';
import type { Bilingual } from '../types.js';

/**
 * Supplies readiness (issue 8, docs/OPERATIONS.md §8.2): which branches are not fully supplied,
 * per zone HQ, item by item, and which returnable items are still out — computed by the HQ
 * from the shipments' history at this instant — with each zone HQ's printable Persian pick
 * list for every day of the plan. The county HQ sees every zone HQ and opens one; a zone HQ's
 * people open on their own.
 */
interface CountyView {
  readonly at: string;
  readonly zones: readonly {
    readonly zoneHqId: string;
    readonly branches: number;
    readonly ready: number;
    readonly notReady: readonly string[];
    readonly returnsOutstanding: readonly string[];
  }[];
}
interface ZoneView {
  readonly zoneHqId: string;
  readonly at: string;
  readonly branches: number;
  readonly ready: number;
  readonly notReady: readonly {
    readonly branchId: string;
    readonly missing: readonly {
      readonly item: string;
      readonly needed: number;
      readonly have: number;
    }[];
  }[];
  readonly returnsOutstanding: readonly {
    readonly branchId: string;
    readonly outstanding: readonly {
      readonly item: string;
      readonly arrived: number;
      readonly returned: number;
    }[];
  }[];
}
interface Catalogue {
  readonly catalogue: Readonly<Record<string, { readonly name: Bilingual }>>;
}

const DAYS = ['D-3', 'D-2', 'D-1', 'D', 'D+1'] as const;

function PickLists(props: { zoneHqId: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const zone = encodeURIComponent(props.zoneHqId);
  return (
    <p>
      {t('supplies.pickLists')}{' '}
      {DAYS.map((day) => (
        <a
          key={day}
          className="pick-list"
          href={`/api/v1/zone-hqs/${zone}/supplies/picklist?day=${encodeURIComponent(day)}`}
          target="_blank"
          rel="noopener"
        >
          <bdi dir="ltr">{digits(day, lang)}</bdi>{' '}
        </a>
      ))}
    </p>
  );
}

function ZoneSupplies(props: { zoneHqId: string; itemName: (item: string) => string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [view, setView] = useState<ApiResult<ZoneView>>();
  const { zoneHqId } = props;
  useEffect(() => {
    setView(undefined);
    void call<ZoneView>(`/api/v1/zone-hqs/${encodeURIComponent(zoneHqId)}/supplies/readiness`).then(
      setView,
    );
  }, [zoneHqId]);
  const n = (v: number) => formatNumber(v, lang);
  return (
    <section aria-labelledby="supplies-zone-title" data-testid="zone-supplies">
      <h2 id="supplies-zone-title">
        {t('supplies.zoneTitle', { zoneHq: digits(zoneHqId, lang) })}
      </h2>
      <PickLists zoneHqId={zoneHqId} />
      {view === undefined ? (
        <Loading />
      ) : !view.ok ? (
        <ProblemAlert problem={view.problem} status={view.status} />
      ) : (
        <>
          <p>
            {t('supplies.readyOf', {
              ready: n(view.value.ready),
              branches: n(view.value.branches),
            })}{' '}
            {t('supplies.at', { at: formatInstant(view.value.at, lang) })}
          </p>
          {view.value.notReady.length === 0 ? (
            <p>{t('supplies.allSupplied')}</p>
          ) : (
            <table className="table">
              <caption>{t('supplies.notReadyTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('supplies.branch')}</th>
                  <th scope="col">{t('supplies.missing')}</th>
                </tr>
              </thead>
              <tbody>
                {view.value.notReady.map((b) => (
                  <tr key={b.branchId} data-branch={b.branchId}>
                    <th scope="row">{digits(b.branchId, lang)}</th>
                    <td>
                      {b.missing
                        .map((m) =>
                          t('supplies.shortLine', {
                            item: props.itemName(m.item),
                            have: n(m.have),
                            needed: n(m.needed),
                          }),
                        )
                        .join(lang === 'fa' ? '؛ ' : '; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {view.value.returnsOutstanding.length === 0 ? null : (
            <table className="table">
              <caption>{t('supplies.returnsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('supplies.branch')}</th>
                  <th scope="col">{t('supplies.outstanding')}</th>
                </tr>
              </thead>
              <tbody>
                {view.value.returnsOutstanding.map((r) => (
                  <tr key={r.branchId}>
                    <th scope="row">{digits(r.branchId, lang)}</th>
                    <td>
                      {r.outstanding
                        .map((o) =>
                          t('supplies.returnLine', {
                            item: props.itemName(o.item),
                            returned: n(o.returned),
                            arrived: n(o.arrived),
                          }),
                        )
                        .join(lang === 'fa' ? '؛ ' : '; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function CountySupplies(props: { onZone: (zoneHqId: string) => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [view, setView] = useState<ApiResult<CountyView>>();
  useEffect(() => {
    void call<CountyView>('/api/v1/supplies/readiness').then(setView);
  }, []);
  if (view === undefined) return <Loading />;
  if (!view.ok) return <ProblemAlert problem={view.problem} status={view.status} />;
  const n = (v: number) => formatNumber(v, lang);
  const list = (ids: readonly string[]) =>
    ids.length === 0 ? '—' : ids.map((id) => digits(id, lang)).join(lang === 'fa' ? '، ' : ', ');
  return (
    <div data-testid="county-supplies">
      <p className="muted">{t('supplies.at', { at: formatInstant(view.value.at, lang) })}</p>
      <table className="table">
        <caption>{t('supplies.countyTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('supplies.zoneHq')}</th>
            <th scope="col">{t('supplies.ready')}</th>
            <th scope="col">{t('supplies.notReadyCol')}</th>
            <th scope="col">{t('supplies.returnsCol')}</th>
          </tr>
        </thead>
        <tbody>
          {view.value.zones.map((z) => (
            <tr key={z.zoneHqId} data-zone-hq={z.zoneHqId}>
              <th scope="row">
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    props.onZone(z.zoneHqId);
                  }}
                >
                  {t('supplies.openZone', { zoneHq: digits(z.zoneHqId, lang) })}
                </button>
              </th>
              <td>{t('supplies.readyOf', { ready: n(z.ready), branches: n(z.branches) })}</td>
              <td>{list(z.notReady)}</td>
              <td>{list(z.returnsOutstanding)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Supplies() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { me } = useSession();
  const own = ownZoneHq(me?.account.scope);
  const [zone, setZone] = useState(own);
  const [catalogue, setCatalogue] = useState<Catalogue>();
  useEffect(() => {
    setZone(own);
  }, [own]);
  useEffect(() => {
    void call<Catalogue>('/api/v1/supplies/catalogue').then((r) => {
      if (r.ok) setCatalogue(r.value);
    });
  }, []);
  const itemName = (item: string) => catalogue?.catalogue[item]?.name[lang] ?? item;
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t('supplies.title')}
      </h1>
      <p>{t('supplies.intro')}</p>
      {me === null ? <p>{t('supplies.signInFirst')}</p> : null}
      {me !== null && own === '' ? (
        zone === '' ? (
          <CountySupplies onZone={setZone} />
        ) : (
          <button
            type="button"
            onClick={() => {
              setZone('');
            }}
          >
            {t('supplies.backToCounty')}
          </button>
        )
      ) : null}
      {me !== null && zone !== '' ? <ZoneSupplies zoneHqId={zone} itemName={itemName} /> : null}
    </section>
  );
}
