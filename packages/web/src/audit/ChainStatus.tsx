import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type ApiResult } from '../api.js';
import { ProblemAlert } from '../components.js';
import { formatInstant, formatNumber } from '../format.js';
import { useLang } from '../language.js';
import type { ChainVerdict, CheckpointPage } from '../types.js';

/**
 * The chain's state (law 6): the HQ's checkpoint key, the latest signed checkpoint, and a
 * full verification on request (it reads the whole log, so it runs only when asked).
 */
export function ChainStatus() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [checkpoints, setCheckpoints] = useState<ApiResult<CheckpointPage>>();
  const [verdict, setVerdict] = useState<ApiResult<ChainVerdict>>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    // Checkpoints come oldest first; the last page holds the latest, and a few suffice here.
    void call<CheckpointPage>('/api/v1/audit/checkpoints?limit=1000').then((answer) => {
      if (live) setCheckpoints(answer);
    });
    return () => {
      live = false;
    };
  }, []);

  const verify = async () => {
    setBusy(true);
    setVerdict(await call<ChainVerdict>('/api/v1/audit/verify'));
    setBusy(false);
  };

  const latest = checkpoints?.ok === true ? checkpoints.value.checkpoints.at(-1) : undefined;
  return (
    <section className="chain" aria-labelledby="chain-title">
      <h2 id="chain-title">{t('audit.chain.title')}</h2>
      {checkpoints === undefined ? null : !checkpoints.ok ? (
        <ProblemAlert problem={checkpoints.problem} status={checkpoints.status} />
      ) : (
        <dl className="facts">
          <dt>{t('audit.chain.key')}</dt>
          <dd>
            <code dir="ltr">{checkpoints.value.hqKey.keyId}</code>
          </dd>
          <dt>{t('audit.chain.checkpoints')}</dt>
          <dd>
            {formatNumber(checkpoints.value.checkpoints.length, lang)}
            {checkpoints.value.next === null ? '' : '+'}
          </dd>
          <dt>{t('audit.chain.latest')}</dt>
          <dd>
            {latest === undefined
              ? t('audit.chain.none')
              : t('audit.chain.latestText', {
                  sequence: formatNumber(latest.sequence, lang),
                  at: formatInstant(latest.signedAt, lang),
                  reason: latest.reason,
                })}
          </dd>
        </dl>
      )}
      <p className="actions">
        <button type="button" onClick={() => void verify()} disabled={busy}>
          {busy ? t('audit.chain.verifying') : t('audit.chain.verify')}
        </button>
      </p>
      <div aria-live="polite">
        {verdict === undefined ? null : !verdict.ok ? (
          <ProblemAlert problem={verdict.problem} status={verdict.status} />
        ) : verdict.value.ok ? (
          <p className="verdict good" data-testid="chain-verdict">
            {t('audit.chain.intact', {
              entries: formatNumber(verdict.value.entries, lang),
              checkpoints: formatNumber(verdict.value.checkpoints, lang),
              unsigned: formatNumber(verdict.value.unsignedEntries, lang),
            })}
          </p>
        ) : (
          <p className="verdict bad" role="alert" data-testid="chain-verdict">
            {t('audit.chain.broken', {
              sequence: formatNumber(verdict.value.firstBad.sequence, lang),
              why: verdict.value.firstBad.problem.message[lang],
            })}
          </p>
        )}
      </div>
    </section>
  );
}
