import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Problem } from './api.js';
import { digits, type Lang } from './format.js';
import { useLang } from './language.js';
import type { Bilingual, StaffScope } from './types.js';

/** A refusal as the HQ worded it, in the reader's language; announced to screen readers. */
export function ProblemAlert(props: { problem: Problem | undefined; status: number }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const text =
    props.problem !== undefined
      ? props.problem.message[lang]
      : props.status === 0
        ? t('errors.unreachable')
        : t('errors.unexpected', { status: digits(String(props.status), lang) });
  return (
    <p role="alert" className="alert" data-code={props.problem?.code}>
      {text}
    </p>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="muted">
      {t('common.loading')}
    </p>
  );
}

export function bilingual(text: Bilingual, lang: Lang): string {
  return text[lang];
}

const ROLES = new Set([
  'hq-staff',
  'zone-hq-staff',
  'governor-representative',
  'executive-board',
  'supervisory-board',
  'observer',
  'inspector',
  'branch-trustee',
  'it-committee',
  'support-committee',
  'candidate-representative',
]);

export function roleLabel(t: TFunction, role: string): string {
  return ROLES.has(role) ? t(`roles.${role}`) : role;
}

export function scopeLabel(t: TFunction, scope: StaffScope, lang: Lang): string {
  switch (scope.kind) {
    case 'constituency':
      return t('scope.constituency');
    case 'zoneHq':
      return t('scope.zoneHq', { id: digits(scope.zoneHqId, lang) });
    case 'zone':
      return t('scope.zone', { id: digits(scope.zoneId, lang) });
    case 'branches':
      return t('scope.branches', {
        ids: scope.branchIds.map((id) => digits(id, lang)).join(lang === 'fa' ? '، ' : ', '),
      });
  }
}
