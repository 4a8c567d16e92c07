import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, query, type ApiResult } from '../api.js';
import { ChainStatus } from '../audit/ChainStatus.js';
import { EntryDetail } from '../audit/EntryDetail.js';
import { EntryTable } from '../audit/EntryTable.js';
import { FilterForm } from '../audit/FilterForm.js';
import { entriesQuery, NEWEST, NO_FILTERS, type AuditFilters } from '../audit/filters.js';
import { Loading, ProblemAlert } from '../components.js';
import { formatNumber } from '../format.js';
import { useLang } from '../language.js';
import { Link, PATHS } from '../router.js';
import { useSession } from '../session.js';
import type { AuditEntry, AuditPage } from '../types.js';

/**
 * The supervisor console's audit browser (issue 3: "Supervisors browse and filter it in the
 * web app"): filters, pages newest first, one entry in full, and the chain's state. What an
 * account may read is the HQ's decision (`audit.read`); a refusal is shown as it comes.
 */
export function AuditLog() {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t('audit.title')}
      </h1>
      {me === undefined ? (
        <Loading />
      ) : me === null ? (
        <p>
          {t('audit.signInFirst')} <Link to={PATHS.signIn}>{t('nav.signIn')}</Link>
        </p>
      ) : (
        <AuditBrowser />
      )}
    </section>
  );
}

function AuditBrowser() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  // Cursors of the pages seen so far: the last is the current page's `before`.
  const [cursors, setCursors] = useState<readonly number[]>([NEWEST]);
  const [page, setPage] = useState<ApiResult<AuditPage>>();
  const [selected, setSelected] = useState<AuditEntry>();
  const cursor = cursors.at(-1) ?? NEWEST;

  useEffect(() => {
    let live = true;
    setPage(undefined);
    void call<AuditPage>(`/api/v1/audit/entries${query(entriesQuery(filters, cursor))}`).then(
      (answer) => {
        if (live) setPage(answer);
      },
    );
    return () => {
      live = false;
    };
  }, [filters, cursor]);

  const apply = (next: AuditFilters) => {
    setFilters(next);
    setCursors([NEWEST]);
    setSelected(undefined);
  };
  const next = page?.ok === true ? page.value.next : null;

  return (
    <div className="audit-layout">
      <ChainStatus />
      <FilterForm applied={filters} onApply={apply} />
      <section aria-labelledby="entries-title" aria-busy={page === undefined}>
        <h2 id="entries-title">{t('audit.entriesTitle')}</h2>
        {page === undefined ? (
          <Loading />
        ) : page.ok ? (
          <EntryTable
            entries={page.value.entries}
            selected={selected?.sequence}
            onSelect={setSelected}
          />
        ) : (
          <ProblemAlert problem={page.problem} status={page.status} />
        )}
        <nav className="pager" aria-label={t('audit.pager.label')}>
          <button
            type="button"
            className="secondary"
            disabled={cursors.length < 2}
            onClick={() => {
              setCursors((c) => c.slice(0, -1));
            }}
          >
            {t('audit.pager.newer')}
          </button>
          <span>{t('audit.pager.page', { page: formatNumber(cursors.length, lang) })}</span>
          <button
            type="button"
            className="secondary"
            disabled={next === null}
            onClick={() => {
              if (next !== null) setCursors((c) => [...c, next]);
            }}
          >
            {t('audit.pager.older')}
          </button>
        </nav>
      </section>
      {selected === undefined ? null : (
        <EntryDetail
          entry={selected}
          onClose={() => {
            setSelected(undefined);
            // Back to the entry's own button in the table, where the reader left off.
            document
              .querySelector<HTMLButtonElement>(`button[data-sequence="${selected.sequence}"]`)
              ?.focus();
          }}
        />
      )}
    </div>
  );
}
