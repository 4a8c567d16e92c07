import { useTranslation } from 'react-i18next';
import { Link, PATHS } from '../router.js';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t('notFound.title')}
      </h1>
      <p>
        <Link to={PATHS.overview}>{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
