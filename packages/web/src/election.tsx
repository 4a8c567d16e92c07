import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type ApiResult } from './api.js';
import { useLang } from './language.js';
import type { ElectionSummary } from './types.js';

let loading: Promise<ApiResult<ElectionSummary>> | undefined;

/**
 * The loaded election, asked of the HQ once per page load (a definition is loaded before the
 * election and stays); a refusal is not kept, so the next screen asks again.
 */
export function electionOnce(): Promise<ApiResult<ElectionSummary>> {
  loading ??= call<ElectionSummary>('/api/v1/election').then((answer) => {
    if (!answer.ok) loading = undefined;
    return answer;
  });
  return loading;
}

export function useElection(): ApiResult<ElectionSummary> | undefined {
  const [election, setElection] = useState<ApiResult<ElectionSummary>>();
  useEffect(() => {
    let live = true;
    void electionOnce().then((answer) => {
      if (live) setElection(answer);
    });
    return () => {
      live = false;
    };
  }, []);
  return election;
}

/**
 * The election's name and short hash on every screen (docs/GLOSSARY.md "election hash"), so
 * whoever reads a screen knows which definition it speaks for.
 */
export function ElectionStamp() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const election = useElection();
  if (election?.ok !== true) return null;
  return (
    <p data-testid="election-stamp">
      {election.value.title[lang]} — {t('overview.hash')}{' '}
      <code dir="ltr" title={election.value.hash}>
        {election.value.shortHash}
      </code>
    </p>
  );
}
