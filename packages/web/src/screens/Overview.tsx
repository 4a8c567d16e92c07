import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type ApiResult } from '../api.js';
import { Loading, ProblemAlert } from '../components.js';
import { electionOnce } from '../election.js';
import { digits, formatCivilDate, formatNumber } from '../format.js';
import { useLang } from '../language.js';
import type { AreaSummary, ElectionSummary } from '../types.js';

interface OverviewData {
  readonly election: ElectionSummary;
  readonly zoneHqs: readonly AreaSummary[];
  readonly zones: readonly AreaSummary[];
}

async function loadOverview(): Promise<ApiResult<OverviewData>> {
  const [election, zoneHqs, zones] = await Promise.all([
    electionOnce(),
    call<{ zoneHqs: AreaSummary[] }>('/api/v1/zone-hqs'),
    call<{ zones: AreaSummary[] }>('/api/v1/zones'),
  ]);
  if (!election.ok) return election;
  if (!zoneHqs.ok) return zoneHqs;
  if (!zones.ok) return zones;
  return {
    ok: true,
    value: { election: election.value, zoneHqs: zoneHqs.value.zoneHqs, zones: zones.value.zones },
  };
}

/** The HQ at a glance, from the public setup routes: the election and its geography. */
export function Overview() {
  const { t } = useTranslation();
  const [data, setData] = useState<ApiResult<OverviewData>>();
  useEffect(() => {
    let live = true;
    void loadOverview().then((answer) => {
      if (live) setData(answer);
    });
    return () => {
      live = false;
    };
  }, []);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t('overview.title')}
      </h1>
      {data === undefined ? (
        <Loading />
      ) : data.ok ? (
        <OverviewBody data={data.value} />
      ) : (
        <ProblemAlert problem={data.problem} status={data.status} />
      )}
    </section>
  );
}

function OverviewBody(props: { data: OverviewData }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { election, zoneHqs, zones } = props.data;
  const branches = zones.reduce((n, z) => n + z.branchCount, 0);
  const mobile = zones.reduce((n, z) => n + z.mobileBranchCount, 0);
  return (
    <>
      <h2 data-testid="election-title">{election.title[lang]}</h2>
      <dl className="facts">
        <dt>{t('overview.round')}</dt>
        <dd>{election.round === 2 ? t('overview.runoff') : t('overview.firstRound')}</dd>
        <dt>{t('overview.votingDay')}</dt>
        <dd data-testid="voting-day">{formatCivilDate(election.votingDay, lang)}</dd>
        <dt>{t('overview.branches')}</dt>
        <dd>
          {t('overview.branchCount', {
            branches: formatNumber(branches, lang),
            mobile: formatNumber(mobile, lang),
          })}
        </dd>
        <dt>{t('overview.hash')}</dt>
        <dd>
          <code dir="ltr" title={election.hash}>
            {election.shortHash}
          </code>
        </dd>
      </dl>
      <AreaTable caption={t('overview.zoneHqs')} areas={zoneHqs} />
      <AreaTable caption={t('overview.zones')} areas={zones} />
    </>
  );
}

function AreaTable(props: { caption: string; areas: readonly AreaSummary[] }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <div className="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('overview.code')}</th>
            <th scope="col">{t('overview.name')}</th>
            <th scope="col" className="num">
              {t('overview.branchesColumn')}
            </th>
            <th scope="col" className="num">
              {t('overview.mobileColumn')}
            </th>
            <th scope="col" className="num">
              {t('overview.votersColumn')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.areas.map((area) => (
            <tr key={area.id}>
              <td>{digits(area.id, lang)}</td>
              <th scope="row">{area.name[lang]}</th>
              <td className="num">{formatNumber(area.branchCount, lang)}</td>
              <td className="num">{formatNumber(area.mobileBranchCount, lang)}</td>
              <td className="num">{formatNumber(area.expectedVoters, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
