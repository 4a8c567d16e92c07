import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type ApiResult } from '../api.js';
import { ProblemAlert } from '../components.js';
import { digits, toLatinDigits } from '../format.js';
import { useLang } from '../language.js';
import type { TrackingHit } from '../types.js';

/**
 * "Check my ballot" (DESIGN §5): the voter types the tracking code from the slip and learns
 * whether the ballot is in the published record, and in which branch — nothing else (law 2).
 */
export function Track() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<ApiResult<TrackingHit>>();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const typed = toLatinDigits(code).trim();
    if (typed === '') return;
    setBusy(true);
    setAnswer(await call<TrackingHit>(`/api/v1/tracking/${encodeURIComponent(typed)}`));
    setBusy(false);
  };

  return (
    <section aria-labelledby="page-title" className="narrow">
      <h1 id="page-title" tabIndex={-1}>
        {t('track.title')}
      </h1>
      <p>{t('track.intro')}</p>
      <form onSubmit={(e) => void submit(e)} className="form" role="search">
        <div className="field">
          <label htmlFor="tracking-code">{t('track.code')}</label>
          <input
            id="tracking-code"
            name="code"
            required
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            aria-describedby="tracking-help"
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
            }}
          />
          <p id="tracking-help" className="hint">
            {t('track.help')}
          </p>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('track.busy') : t('track.submit')}
        </button>
      </form>
      <div aria-live="polite">
        {answer === undefined ? null : answer.ok ? (
          <div className="result found" role="status" data-testid="track-found">
            <h2>
              {answer.value.status === 'received' ? t('track.receivedTitle') : t('track.found')}
            </h2>
            <p>
              {t(`track.${answer.value.status}`, { branch: digits(answer.value.branchId, lang) })}
            </p>
            <p className="muted">
              {t('track.codeWas')} <code dir="ltr">{answer.value.shortCode}</code>
            </p>
          </div>
        ) : (
          <div className="result refused" data-testid="track-refused">
            <h2>{t(`track.outcome.${outcomeOf(answer.problem?.code)}`)}</h2>
            <ProblemAlert problem={answer.problem} status={answer.status} />
          </div>
        )}
      </div>
    </section>
  );
}

function outcomeOf(
  code: string | undefined,
): 'notFound' | 'notReceived' | 'badCode' | 'notPublished' | 'error' {
  switch (code ?? '') {
    case 'TRACKING_CODE_NOT_FOUND':
      return 'notFound';
    case 'TRACKING_CODE_NOT_RECEIVED':
      return 'notReceived';
    case 'TRACKING_CODE_FORMAT':
      return 'badCode';
    case 'RECORD_NOT_PUBLISHED':
      return 'notPublished';
    default:
      return 'error';
  }
}
