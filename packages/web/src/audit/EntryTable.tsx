import { useTranslation } from 'react-i18next';
import { digits, formatInstant, formatNumber } from '../format.js';
import { useLang } from '../language.js';
import type { AuditEntry } from '../types.js';

/** One page of entries; each opens its full record (the detail panel) from its sequence. */
export function EntryTable(props: {
  entries: readonly AuditEntry[];
  selected: number | undefined;
  onSelect: (entry: AuditEntry) => void;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  if (props.entries.length === 0)
    return (
      <p role="status" className="muted">
        {t('audit.empty')}
      </p>
    );
  return (
    <div className="table-wrap">
      <table className="entries" data-testid="audit-entries">
        <caption>{t('audit.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.column.sequence')}</th>
            <th scope="col">{t('audit.column.time')}</th>
            <th scope="col">{t('audit.column.event')}</th>
            <th scope="col">{t('audit.column.actor')}</th>
            <th scope="col">{t('audit.column.object')}</th>
            <th scope="col">{t('audit.column.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((entry) => (
            <tr key={entry.sequence} data-selected={props.selected === entry.sequence}>
              <td>
                <button
                  type="button"
                  className="link-button"
                  data-sequence={entry.sequence}
                  aria-label={t('audit.openEntry', {
                    sequence: formatNumber(entry.sequence, lang),
                  })}
                  onClick={() => {
                    props.onSelect(entry);
                  }}
                >
                  {formatNumber(entry.sequence, lang)}
                </button>
              </td>
              <td>{formatInstant(entry.occurredAt, lang)}</td>
              <td>
                <code dir="ltr">{entry.action}</code>
              </td>
              <td>
                {t(`audit.actorKind.${entry.actorKind}`)}
                {entry.actorId === null ? null : (
                  <>
                    {' '}
                    <bdi dir="ltr">{entry.actorId}</bdi>
                  </>
                )}
              </td>
              <td>
                {entry.objectType === null ? (
                  '—'
                ) : (
                  <bdi dir="ltr">
                    {entry.objectType}
                    {entry.objectId === null ? '' : `: ${digits(entry.objectId, 'en')}`}
                  </bdi>
                )}
              </td>
              <td>
                <span className={`outcome outcome-${entry.outcome}`}>
                  {t(`audit.outcome.${entry.outcome}`)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
