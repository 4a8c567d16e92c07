import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type ApiResult } from '../api.js';
import { digits, formatInstant, formatNumber } from '../format.js';
import { useLang } from '../language.js';
import { CountyTable, Loaded, ZoneScreen } from '../operations/common.js';
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
      <Loaded result={view}>
        {(v) => (
          <>
            <p>
              {t('supplies.readyOf', {
                ready: n(v.ready),
                branches: n(v.branches),
              })}{' '}
              {t('supplies.at', { at: formatInstant(v.at, lang) })}
            </p>
            {v.notReady.length === 0 ? (
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
                  {v.notReady.map((b) => (
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
            {v.returnsOutstanding.length === 0 ? null : (
              <table className="table">
                <caption>{t('supplies.returnsTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('supplies.branch')}</th>
                    <th scope="col">{t('supplies.outstanding')}</th>
                  </tr>
                </thead>
                <tbody>
                  {v.returnsOutstanding.map((r) => (
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
      </Loaded>
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
  const n = (v: number) => formatNumber(v, lang);
  const list = (ids: readonly string[]) =>
    ids.length === 0 ? '—' : ids.map((id) => digits(id, lang)).join(lang === 'fa' ? '، ' : ', ');
  return (
    <Loaded result={view}>
      {(v) => (
        <div data-testid="county-supplies">
          <p className="muted">{t('supplies.at', { at: formatInstant(v.at, lang) })}</p>
          <CountyTable
            caption={t('supplies.countyTitle')}
            columns={[
              t('supplies.zoneHq'),
              t('supplies.ready'),
              t('supplies.notReadyCol'),
              t('supplies.returnsCol'),
            ]}
            zones={v.zones}
            openLabel={(zoneHq) => t('supplies.openZone', { zoneHq })}
            onZone={props.onZone}
            cells={(z) => (
              <>
                <td>{t('supplies.readyOf', { ready: n(z.ready), branches: n(z.branches) })}</td>
                <td>{list(z.notReady)}</td>
                <td>{list(z.returnsOutstanding)}</td>
              </>
            )}
          />
        </div>
      )}
    </Loaded>
  );
}

export function Supplies() {
  const { lang } = useLang();
  const [catalogue, setCatalogue] = useState<Catalogue>();
  useEffect(() => {
    void call<Catalogue>('/api/v1/supplies/catalogue').then((r) => {
      if (r.ok) setCatalogue(r.value);
    });
  }, []);
  const itemName = (item: string) => catalogue?.catalogue[item]?.name[lang] ?? item;
  return (
    <ZoneScreen
      area="supplies"
      whileSessionLoads
      county={(onZone) => <CountySupplies onZone={onZone} />}
      zone={(zoneHqId) => <ZoneSupplies zoneHqId={zoneHqId} itemName={itemName} />}
    />
  );
}
