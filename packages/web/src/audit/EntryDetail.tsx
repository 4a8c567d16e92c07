import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant, formatNumber, prettyJson } from '../format.js';
import { useLang } from '../language.js';
import type { AuditEntry } from '../types.js';

/** One entry in full, as hashed into the chain: who, what, when, from where (law 6). */
export function EntryDetail(props: { entry: AuditEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { entry } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [entry.sequence]);
  // Codes, hashes and names stay left-to-right inside the Persian page (bdi isolates them).
  const row = (label: string, value: string | null, ltr = true) => (
    <>
      <dt>{label}</dt>
      <dd>{value === null ? '—' : ltr ? <bdi dir="ltr">{value}</bdi> : value}</dd>
    </>
  );
  return (
    <section
      className="detail"
      aria-labelledby="entry-title"
      data-testid="audit-detail"
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onClose();
      }}
    >
      <h2 id="entry-title" tabIndex={-1} ref={heading}>
        {t('audit.detail.title', { sequence: formatNumber(entry.sequence, lang) })}
      </h2>
      <dl className="facts">
        {row(t('audit.column.event'), entry.action)}
        {row(t('audit.detail.occurredAt'), formatInstant(entry.occurredAt, lang), false)}
        {row(t('audit.detail.recordedAt'), formatInstant(entry.recordedAt, lang), false)}
        {row(t('audit.column.outcome'), t(`audit.outcome.${entry.outcome}`), false)}
        {row(t('audit.detail.reason'), entry.reason)}
        {row(t('audit.filter.actorKind'), t(`audit.actorKind.${entry.actorKind}`), false)}
        {row(t('audit.filter.actorId'), entry.actorId)}
        {row(t('audit.detail.actorRole'), entry.actorRole)}
        {row(t('audit.detail.actorScope'), entry.actorScope)}
        {row(t('audit.filter.objectType'), entry.objectType)}
        {row(t('audit.filter.objectId'), entry.objectId)}
        {row(t('audit.detail.source'), entry.sourceAddress)}
        {row(t('audit.detail.election'), entry.electionId)}
        {row(t('audit.detail.previousHash'), entry.previousHash)}
        {row(t('audit.detail.entryHash'), entry.entryHash)}
      </dl>
      <h3>{t('audit.detail.details')}</h3>
      <pre dir="ltr" className="details">
        {prettyJson(entry.details)}
      </pre>
      <button type="button" className="secondary" onClick={props.onClose}>
        {t('audit.detail.close')}
      </button>
    </section>
  );
}
