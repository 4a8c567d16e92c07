import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api.js';
import { Loading, ProblemAlert, roleLabel, scopeLabel } from '../components.js';
import { formatInstant, toLatinDigits } from '../format.js';
import { useLang } from '../language.js';
import { Link, navigate, PATHS } from '../router.js';
import { useSession } from '../session.js';
import type { Me } from '../types.js';
import { ChangePassword } from './ChangePassword.js';

/** Sign-in with username, password and the authenticator's six-digit code (issue 3). */
export function SignIn() {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <section aria-labelledby="page-title" className="narrow">
      <h1 id="page-title" tabIndex={-1}>
        {me === null || me === undefined ? t('signIn.title') : t('account.title')}
      </h1>
      {me === undefined ? <Loading /> : me === null ? <SignInForm /> : <Account me={me} />}
    </section>
  );
}

function SignInForm() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ problem: Problem | undefined; status: number }>();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(undefined);
    // Codes typed with Persian digits count the same (the HQ accepts them too).
    const answer = await signIn(username.trim(), password, toLatinDigits(totp).replace(/\s/g, ''));
    setBusy(false);
    if (answer.ok) {
      // The same screen now shows the account: tell keyboard and screen-reader users so.
      window.setTimeout(() => document.getElementById('page-title')?.focus(), 0);
      return;
    }
    setPassword('');
    setTotp('');
    setRefusal({ problem: answer.problem, status: answer.status });
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="form" aria-describedby="sign-in-help">
      <p id="sign-in-help" className="muted">
        {t('signIn.help')}
      </p>
      <div className="field">
        <label htmlFor="username">{t('signIn.username')}</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          required
          dir="ltr"
          value={username}
          onChange={(e) => {
            setUsername(e.target.value);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="password">{t('signIn.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          dir="ltr"
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="totp">{t('signIn.totp')}</label>
        <input
          id="totp"
          name="totp"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          dir="ltr"
          maxLength={12}
          aria-describedby="totp-help"
          value={totp}
          onChange={(e) => {
            setTotp(e.target.value);
          }}
        />
        <p id="totp-help" className="hint">
          {t('signIn.totpHelp')}
        </p>
      </div>
      {refusal === undefined ? null : (
        <ProblemAlert problem={refusal.problem} status={refusal.status} />
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('signIn.busy') : t('signIn.submit')}
      </button>
    </form>
  );
}

function Account(props: { me: Me }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { signOut } = useSession();
  const { account } = props.me;
  return (
    <>
      <dl className="facts">
        <dt>{t('account.name')}</dt>
        <dd>{account.name[lang]}</dd>
        <dt>{t('account.username')}</dt>
        <dd>
          <bdi dir="ltr">{account.username}</bdi>
        </dd>
        <dt>{t('account.role')}</dt>
        <dd data-testid="account-role">
          {roleLabel(t, account.role)}
          {account.trusteeRole === null ? '' : ` (${t(`account.trustee.${account.trusteeRole}`)})`}
        </dd>
        <dt>{t('account.scope')}</dt>
        <dd>{scopeLabel(t, account.scope, lang)}</dd>
        <dt>{t('account.expires')}</dt>
        <dd>{formatInstant(props.me.expiresAt, lang)}</dd>
      </dl>
      {props.me.passwordChangeRequired ? (
        <p role="alert" className="alert">
          {t('account.mustChangePassword')}
        </p>
      ) : null}
      <p className="actions">
        <Link to={PATHS.audit}>{t('account.toAudit')}</Link>
        <button
          type="button"
          onClick={() => {
            void signOut().then(() => {
              navigate(PATHS.signIn);
            });
          }}
        >
          {t('account.signOut')}
        </button>
      </p>
      <ChangePassword csrfToken={props.me.csrfToken} />
    </>
  );
}
