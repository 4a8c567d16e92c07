import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type Problem } from '../api.js';
import { ProblemAlert } from '../components.js';
import { useSession } from '../session.js';

/**
 * Changing one's own password (`POST /api/v1/session/password`): required after a one-time
 * password, before anything else is allowed (docs/SECURITY.md "Passwords"). The HQ judges the
 * new password; its refusal (too short, contains the username…) is shown as it comes.
 */
export function ChangePassword(props: { csrfToken: string }) {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<
    { done: true } | { done: false; problem: Problem | undefined; status: number } | undefined
  >();
  const mismatch = again !== '' && again !== next;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (next !== again) return;
    setBusy(true);
    const answer = await call('/api/v1/session/password', {
      method: 'POST',
      body: { currentPassword: current, newPassword: next },
      csrfToken: props.csrfToken,
    });
    setBusy(false);
    setCurrent('');
    if (answer.ok) {
      setNext('');
      setAgain('');
      // The account as the HQ now sees it (no change required any more), then the news.
      await refresh();
      setOutcome({ done: true });
      return;
    }
    setOutcome({ done: false, problem: answer.problem, status: answer.status });
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="password-title">
      <h2 id="password-title">{t('password.title')}</h2>
      <div className="field">
        <label htmlFor="current-password">{t('password.current')}</label>
        <input
          id="current-password"
          type="password"
          autoComplete="current-password"
          required
          dir="ltr"
          value={current}
          onChange={(e) => {
            setCurrent(e.target.value);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="new-password">{t('password.new')}</label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          required
          dir="ltr"
          aria-describedby="new-password-help"
          value={next}
          onChange={(e) => {
            setNext(e.target.value);
          }}
        />
        <p id="new-password-help" className="hint">
          {t('password.help')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="again-password">{t('password.again')}</label>
        <input
          id="again-password"
          type="password"
          autoComplete="new-password"
          required
          dir="ltr"
          aria-invalid={mismatch}
          aria-describedby={mismatch ? 'again-help' : undefined}
          value={again}
          onChange={(e) => {
            setAgain(e.target.value);
          }}
        />
        {mismatch ? (
          <p id="again-help" className="hint">
            {t('password.mismatch')}
          </p>
        ) : null}
      </div>
      {outcome === undefined ? null : outcome.done ? (
        <p role="status" className="verdict good">
          {t('password.changed')}
        </p>
      ) : (
        <ProblemAlert problem={outcome.problem} status={outcome.status} />
      )}
      <button type="submit" disabled={busy || mismatch}>
        {busy ? t('password.busy') : t('password.submit')}
      </button>
    </form>
  );
}
