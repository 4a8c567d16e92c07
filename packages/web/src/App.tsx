import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { roleLabel } from './components.js';
import { ElectionStamp } from './election.js';
import { useLang } from './language.js';
import { Link, PATHS, screenOf, usePathname, type Screen } from './router.js';
import { useSession } from './session.js';
import { AuditLog } from './screens/AuditLog.js';
import { NotFound } from './screens/NotFound.js';
import { Overview } from './screens/Overview.js';
import { SignIn } from './screens/SignIn.js';
import { Track } from './screens/Track.js';
import { TryBallot } from './screens/TryBallot.js';
import { DeviceReadiness } from './screens/DeviceReadiness.js';
import { Incidents } from './screens/Incidents.js';
import { Supplies } from './screens/Supplies.js';
import { VoterSpeed } from './screens/VoterSpeed.js';
import { Staff } from './screens/Staff.js';
import { Mobile } from './screens/Mobile.js';
import {
  BRANCH_READERS,
  INCIDENT_READERS,
  LIVE_READERS,
  SUPPLY_READERS,
  seesZoneView,
} from './navRoles.js';

/** Roles the HQ lets read the device readiness view (policy action devices.read). */
const SEE_DEVICES = new Set([
  'hq-staff',
  'zone-hq-staff',
  'it-committee',
  'supervisory-board',
  'executive-board',
  'observer',
]);

function ScreenOf(props: { screen: Screen }) {
  switch (props.screen) {
    case 'overview':
      return <Overview />;
    case 'track':
      return <Track />;
    case 'signIn':
      return <SignIn />;
    case 'audit':
      return <AuditLog />;
    case 'tryBallot':
      return <TryBallot />;
    case 'devices':
      return <DeviceReadiness />;
    case 'incidents':
      return <Incidents />;
    case 'supplies':
      return <Supplies />;
    case 'voterSpeed':
      return <VoterSpeed />;
    case 'staff':
      return <Staff />;
    case 'mobile':
      return <Mobile />;
    case 'notFound':
      return <NotFound />;
  }
}

function LanguageSwitch() {
  const { t } = useTranslation();
  const { lang, setLang } = useLang();
  const other = lang === 'fa' ? 'en' : 'fa';
  return (
    <button
      type="button"
      className="link-button"
      lang={other}
      onClick={() => {
        setLang(other);
      }}
    >
      {t('nav.otherLanguage')}
    </button>
  );
}

function AccountBox() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { me } = useSession();
  if (me === undefined) return null;
  if (me === null) return <Link to={PATHS.signIn}>{t('nav.signIn')}</Link>;
  return (
    <Link to={PATHS.signIn}>
      {t('nav.signedInAs', {
        name: me.account.name[lang],
        role: roleLabel(t, me.account.role),
      })}
    </Link>
  );
}

export function App() {
  const { t } = useTranslation();
  const { me } = useSession();
  const pathname = usePathname();
  const screen = screenOf(pathname);
  const first = useRef(true);

  // After moving to another screen, focus its heading so keyboard and screen-reader users
  // start there (the first load leaves focus where the browser puts it).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('page-title')?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <p className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-sub">{t('app.subtitle')}</span>
        </p>
        <nav aria-label={t('nav.label')}>
          <ul>
            <li>
              <Link to={PATHS.overview}>{t('nav.overview')}</Link>
            </li>
            <li>
              <Link to={PATHS.track}>{t('nav.track')}</Link>
            </li>
            <li>
              <Link to={PATHS.tryBallot}>{t('nav.tryBallot')}</Link>
            </li>
            {me !== null && me !== undefined && SEE_DEVICES.has(me.account.role) ? (
              <li>
                <Link to={PATHS.devices}>{t('nav.devices')}</Link>
              </li>
            ) : null}
            {me !== null && me !== undefined && seesZoneView(INCIDENT_READERS, me.account) ? (
              <li>
                <Link to={PATHS.incidents}>{t('nav.incidents')}</Link>
              </li>
            ) : null}
            {me !== null && me !== undefined && seesZoneView(SUPPLY_READERS, me.account) ? (
              <li>
                <Link to={PATHS.supplies}>{t('nav.supplies')}</Link>
              </li>
            ) : null}
            {me !== null && me !== undefined && seesZoneView(LIVE_READERS, me.account) ? (
              <li>
                <Link to={PATHS.voterSpeed}>{t('nav.voterSpeed')}</Link>
              </li>
            ) : null}
            {me !== null && me !== undefined && seesZoneView(BRANCH_READERS, me.account) ? (
              <li>
                <Link to={PATHS.staff}>{t('nav.staff')}</Link>
              </li>
            ) : null}
            {me !== null && me !== undefined && seesZoneView(BRANCH_READERS, me.account) ? (
              <li>
                <Link to={PATHS.mobile}>{t('nav.mobile')}</Link>
              </li>
            ) : null}
            {me !== null && me !== undefined ? (
              <li>
                <Link to={PATHS.audit}>{t('nav.audit')}</Link>
              </li>
            ) : null}
            <li>
              <AccountBox />
            </li>
            <li>
              <LanguageSwitch />
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <ScreenOf screen={screen} />
      </main>
      <footer className="site-footer">
        <ElectionStamp />
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
