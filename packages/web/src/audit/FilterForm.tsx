import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTOR_KINDS, AUDIT_OUTCOMES } from '../types.js';
import { EVENT_AREAS, NO_FILTERS, type AuditFilters } from './filters.js';

/** The audit log's filters; applied together when the form is sent. */
export function FilterForm(props: { applied: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AuditFilters>(props.applied);
  const set = <K extends keyof AuditFilters>(key: K, value: AuditFilters[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    props.onApply(draft);
  };
  const text = (key: 'action' | 'actorId' | 'objectType' | 'objectId', extra = {}) => (
    <div className="field">
      <label htmlFor={`filter-${key}`}>{t(`audit.filter.${key}`)}</label>
      <input
        id={`filter-${key}`}
        dir="ltr"
        autoComplete="off"
        spellCheck={false}
        value={draft[key]}
        onChange={(e) => {
          set(key, e.target.value);
        }}
        {...extra}
      />
    </div>
  );

  return (
    <form className="filters" onSubmit={submit} aria-labelledby="filters-title">
      <h2 id="filters-title">{t('audit.filter.title')}</h2>
      <div className="filter-grid">
        {text('action', { list: 'event-areas', placeholder: 'access.login' })}
        <datalist id="event-areas">
          {EVENT_AREAS.map((area) => (
            <option key={area} value={area} />
          ))}
        </datalist>
        <div className="field">
          <label htmlFor="filter-outcome">{t('audit.filter.outcome')}</label>
          <select
            id="filter-outcome"
            value={draft.outcome}
            onChange={(e) => {
              set('outcome', e.target.value as AuditFilters['outcome']);
            }}
          >
            <option value="">{t('audit.filter.any')}</option>
            {AUDIT_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`audit.outcome.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-actorKind">{t('audit.filter.actorKind')}</label>
          <select
            id="filter-actorKind"
            value={draft.actorKind}
            onChange={(e) => {
              set('actorKind', e.target.value as AuditFilters['actorKind']);
            }}
          >
            <option value="">{t('audit.filter.any')}</option>
            {AUDIT_ACTOR_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`audit.actorKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {text('actorId')}
        {text('objectType', { placeholder: 'branch' })}
        {text('objectId')}
        <div className="field">
          <label htmlFor="filter-from">{t('audit.filter.from')}</label>
          <input
            id="filter-from"
            type="datetime-local"
            step={1}
            value={draft.from}
            aria-describedby="time-help"
            onChange={(e) => {
              set('from', e.target.value);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="filter-to">{t('audit.filter.to')}</label>
          <input
            id="filter-to"
            type="datetime-local"
            step={1}
            value={draft.to}
            aria-describedby="time-help"
            onChange={(e) => {
              set('to', e.target.value);
            }}
          />
        </div>
      </div>
      <p id="time-help" className="hint">
        {t('audit.filter.timeHelp')}
      </p>
      <p className="actions">
        <button type="submit">{t('audit.filter.apply')}</button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setDraft(NO_FILTERS);
            props.onApply(NO_FILTERS);
          }}
        >
          {t('audit.filter.clear')}
        </button>
      </p>
    </form>
  );
}
