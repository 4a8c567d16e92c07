import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type ApiResult } from '../api.js';
import { ProblemAlert, roleLabel } from '../components.js';
import { digits, formatInstant, formatNumber } from '../format.js';
import { useLang } from '../language.js';
import { ATTENDANCE_RECORDERS } from '../navRoles.js';
import {
  CountyTable,
  idList,
  Loaded,
  useEachZoneHq,
  useReloaded,
  ZoneScreen,
} from '../operations/common.js';
import { useSession } from '../session.js';
import type { Bilingual } from '../types.js';

/**
 * Staff in place (issue 8, docs/OPERATIONS.md §8.3): the branches of a zone HQ flagged before
 * opening — no chair, no device operator, fewer than three of five trustees, or the governor's
 * representative missing — and, for one branch, everyone the definition assigns to it with
 * their attendance, which the branch's runners (chair, governor's representative, zone HQ, HQ)
 * may record from here. The county HQ sees every zone HQ's count of ready branches and opens one;
 * a zone HQ's people open on their own. Read again every 15 s.
 */
type Attendance = 'present' | 'absent' | 'left';
type Gap =
  'chair-absent' | 'device-operator-absent' | 'trustee-quorum' | 'governor-representative-absent';

interface ZoneStaffing {
  readonly zoneHqId: string;
  readonly branches: number;
  readonly ready: number;
  readonly flagged: readonly {
    readonly branchId: string;
    readonly ready: boolean;
    readonly gaps: readonly Gap[];
    readonly unknown: number;
  }[];
}
interface BranchStaffing {
  readonly branchId: string;
  readonly ready: boolean;
  readonly gaps: readonly Gap[];
  readonly people: readonly {
    readonly id: string;
    readonly name: Bilingual;
    readonly role: string;
    readonly trusteeRole: 'chair' | 'secretary' | null;
    readonly deviceOperator: boolean;
    readonly attendance: Attendance | null;
    readonly at: string | null;
  }[];
}

const RELOAD_MS = 15_000;
const zonePath = (zoneHqId: string) => `/api/v1/zone-hqs/${encodeURIComponent(zoneHqId)}/staffing`;

function useGapLabel(): (gap: Gap) => string {
  const { t } = useTranslation();
  return (gap) => {
    switch (gap) {
      case 'chair-absent':
        return t('staffing.gap.chairAbsent');
      case 'device-operator-absent':
        return t('staffing.gap.deviceOperatorAbsent');
      case 'trustee-quorum':
        return t('staffing.gap.trusteeQuorum');
      case 'governor-representative-absent':
        return t('staffing.gap.representativeAbsent');
    }
  };
}

function AttendanceWord(props: { status: BranchStaffing['people'][number]['attendance'] }) {
  const { t } = useTranslation();
  switch (props.status) {
    case 'present':
      return <span className="state-good">{t('staffing.attendance.present')}</span>;
    case 'absent':
      return <strong className="state-bad">{t('staffing.attendance.absent')}</strong>;
    case 'left':
      return <strong className="state-bad">{t('staffing.attendance.left')}</strong>;
    case null:
      return <span>{t('staffing.attendance.unknown')}</span>;
  }
}

/** Record one person's attendance (`PUT …/attendance/:staffId`); the HQ decides who may. */
function RecordAttendance(props: {
  branchId: string;
  staffId: string;
  name: string;
  current: Attendance | null;
  csrfToken: string;
  onRecorded: () => void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Attendance>(props.current ?? 'present');
  const [refused, setRefused] = useState<ApiResult<unknown>>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    const r = await call(
      `/api/v1/branches/${encodeURIComponent(props.branchId)}/attendance/${encodeURIComponent(props.staffId)}`,
      { method: 'PUT', body: { status }, csrfToken: props.csrfToken },
    );
    setBusy(false);
    setRefused(r.ok ? undefined : r);
    if (r.ok) props.onRecorded();
  };
  const field = `attendance-${props.staffId}`;
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor={field} className="visually-hidden">
        {t('staffing.recordFor', { name: props.name })}
      </label>
      <select
        id={field}
        value={status}
        onChange={(e) => {
          setStatus(e.target.value as Attendance);
        }}
      >
        <option value="present">{t('staffing.attendance.present')}</option>
        <option value="absent">{t('staffing.attendance.absent')}</option>
        <option value="left">{t('staffing.attendance.left')}</option>
      </select>
      <button type="submit" className="secondary" disabled={busy}>
        {t('staffing.record')}
      </button>
      {refused !== undefined && !refused.ok ? (
        <ProblemAlert problem={refused.problem} status={refused.status} />
      ) : null}
    </form>
  );
}

function BranchPeople(props: { branchId: string; onClose: () => void; onRecorded: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const gapLabel = useGapLabel();
  const { me } = useSession();
  const [view, setView] = useState<ApiResult<BranchStaffing>>();
  const [version, setVersion] = useState(0);
  const { branchId } = props;
  useEffect(() => {
    void call<BranchStaffing>(`/api/v1/branches/${encodeURIComponent(branchId)}/staffing`).then(
      setView,
    );
  }, [branchId, version]);
  useEffect(() => {
    setView(undefined);
  }, [branchId]);
  const recorder =
    me !== null && me !== undefined && ATTENDANCE_RECORDERS.has(me.account.role) ? me : undefined;
  const recorded = () => {
    setVersion((v) => v + 1);
    props.onRecorded();
  };
  return (
    <section aria-labelledby="staff-branch-title" data-testid="branch-staff" className="detail">
      <h2 id="staff-branch-title">
        {t('staffing.branchTitle', { branch: digits(branchId, lang) })}
      </h2>
      <Loaded result={view}>
        {(v) => (
          <>
            <p data-testid="branch-staff-state">
              {v.ready ? (
                <span className="state-good">{t('staffing.readyToOpen')}</span>
              ) : (
                <strong className="state-bad">
                  {t('staffing.notReady', {
                    gaps: v.gaps.map(gapLabel).join(lang === 'fa' ? '؛ ' : '; '),
                  })}
                </strong>
              )}
            </p>
            <div className="table-wrap">
              <table className="table">
                <caption>{t('staffing.peopleTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('staffing.name')}</th>
                    <th scope="col">{t('staffing.role')}</th>
                    <th scope="col">{t('staffing.attendanceCol')}</th>
                    <th scope="col">{t('staffing.recordedAt')}</th>
                    {recorder === undefined ? null : <th scope="col">{t('staffing.recordCol')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {v.people.map((p) => (
                    <tr key={p.id} data-staff={p.id}>
                      <th scope="row">{p.name[lang]}</th>
                      <td>
                        {roleLabel(t, p.role)}
                        {p.trusteeRole === 'chair' ? ` — ${t('account.trustee.chair')}` : ''}
                        {p.trusteeRole === 'secretary'
                          ? ` — ${t('account.trustee.secretary')}`
                          : ''}
                        {p.deviceOperator ? ` — ${t('staffing.deviceOperator')}` : ''}
                      </td>
                      <td data-attendance={p.attendance ?? 'unknown'}>
                        <AttendanceWord status={p.attendance} />
                      </td>
                      <td>{p.at === null ? '—' : formatInstant(p.at, lang)}</td>
                      {recorder === undefined ? null : (
                        <td>
                          <RecordAttendance
                            branchId={branchId}
                            staffId={p.id}
                            name={p.name[lang]}
                            current={p.attendance}
                            csrfToken={recorder.csrfToken}
                            onRecorded={recorded}
                          />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Loaded>
      <button type="button" className="secondary" onClick={props.onClose}>
        {t('staffing.close')}
      </button>
    </section>
  );
}

function ZoneStaff(props: { zoneHqId: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const gapLabel = useGapLabel();
  const { zoneHqId } = props;
  const [branch, setBranch] = useState('');
  const [version, setVersion] = useState(0);
  const view = useReloaded<ZoneStaffing>(
    `${zoneHqId}#${String(version)}`,
    () => call<ZoneStaffing>(zonePath(zoneHqId)),
    RELOAD_MS,
  );
  useEffect(() => {
    setBranch('');
  }, [zoneHqId]);
  const n = (v: number) => formatNumber(v, lang);
  return (
    <section aria-labelledby="staff-zone-title" data-testid="zone-staff">
      <h2 id="staff-zone-title">{t('staffing.zoneTitle', { zoneHq: digits(zoneHqId, lang) })}</h2>
      <Loaded result={view}>
        {(v) => (
          <>
            <p role="status">
              {t('staffing.readyOf', {
                ready: n(v.ready),
                branches: n(v.branches),
              })}
            </p>
            {v.flagged.length === 0 ? (
              <p>{t('staffing.noneFlagged')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <caption>{t('staffing.flaggedTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('staffing.branch')}</th>
                      <th scope="col">{t('staffing.missing')}</th>
                      <th scope="col">{t('staffing.unknownCol')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {v.flagged.map((b) => (
                      <tr key={b.branchId} data-branch={b.branchId}>
                        <th scope="row">
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => {
                              setBranch(b.branchId);
                            }}
                          >
                            {t('staffing.openBranch', { branch: digits(b.branchId, lang) })}
                          </button>
                        </th>
                        <td>{b.gaps.map(gapLabel).join(lang === 'fa' ? '؛ ' : '; ')}</td>
                        <td>{n(b.unknown)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Loaded>
      {branch === '' ? null : (
        <BranchPeople
          branchId={branch}
          onClose={() => {
            setBranch('');
          }}
          onRecorded={() => {
            setVersion((v) => v + 1);
          }}
        />
      )}
    </section>
  );
}

/** Every zone HQ's count of branches ready to open, asked of each zone HQ. */
function CountyStaff(props: { onZone: (zoneHqId: string) => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const views = useEachZoneHq((id) => call<ZoneStaffing>(zonePath(id)), RELOAD_MS);
  const n = (v: number) => formatNumber(v, lang);
  return (
    <Loaded result={views}>
      {(zones) => (
        <div data-testid="county-staff" className="table-wrap">
          <CountyTable
            caption={t('staffing.countyTitle')}
            columns={[t('staffing.zoneHq'), t('staffing.ready'), t('staffing.flaggedCol')]}
            zones={zones}
            openLabel={(zoneHq) => t('staffing.openZone', { zoneHq })}
            onZone={props.onZone}
            cells={(z) => (
              <>
                <td>{t('staffing.readyOf', { ready: n(z.ready), branches: n(z.branches) })}</td>
                <td>
                  {idList(
                    z.flagged.map((f) => f.branchId),
                    lang,
                    (id) => digits(id, lang),
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

export function Staff() {
  return (
    <ZoneScreen
      area="staffing"
      county={(onZone) => <CountyStaff onZone={onZone} />}
      zone={(zoneHqId) => <ZoneStaff zoneHqId={zoneHqId} />}
    />
  );
}
