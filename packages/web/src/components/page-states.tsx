import { Alert, Button, Empty, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem.ts';
import type { UiLanguage } from '../i18n/i18n.ts';
import { problemText } from './problem-text.ts';

export function LoadingState({ rows = 4 }: { rows?: number }) {
  const { t } = useTranslation();
  return <Skeleton active paragraph={{ rows }} aria-label={t('state.loading')} aria-busy="true" />;
}

/** An empty state that says what to do next. */
export function EmptyState({ hint }: { hint?: string }) {
  const { t } = useTranslation();
  return <Empty description={hint ?? t('state.empty')} />;
}

/** The problem's own text in the current language, with its fix hint and a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  const text = problemText(error, i18n.language as UiLanguage);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={text.message}
      description={text.hint}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('state.retry')}</Button> : undefined}
    />
  );
}

/** True when the server does not have this API (yet): another issue is still building it. */
export function isUnavailable(error: unknown): boolean {
  // The server's answer for a route it does not have is `route.not_found`; an unknown object is `not_found`.
  return error instanceof ApiProblem && ((error.status === 404 && ['route.not_found', 'http.error'].includes(error.problem.code)) || error.status === 501);
}

export function UnavailableState({ api }: { api: string }) {
  const { t } = useTranslation();
  return <Result status="info" title={t('state.unavailable')} subTitle={t('state.unavailableHint', { api })} />;
}
