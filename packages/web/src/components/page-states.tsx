import { Alert, Button, Empty, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldProblem } from '../api/problem.ts';
import type { UiLanguage } from '../i18n/i18n.ts';
import { UnplacedProblems } from './admin/server-fields.ts';
import { issueText, problemText } from './problem-text.ts';

export function LoadingState({ rows = 4 }: { rows?: number }) {
  const { t } = useTranslation();
  return <Skeleton active paragraph={{ rows }} aria-label={t('state.loading')} aria-busy="true" />;
}

/** An empty state that says what to do next. */
export function EmptyState({ hint }: { hint?: string }) {
  const { t } = useTranslation();
  return <Empty description={hint ?? t('state.empty')} />;
}

/**
 * The problem's own text in the current language, with its fix hint and a retry. Field problems a
 * form could not show by a field (UnplacedProblems) are listed here, each named by its label or path;
 * the advice then points at that list (and at the fields only when some problems are shown there).
 */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as UiLanguage;
  const text = problemText(error, lang);
  const listed = error instanceof UnplacedProblems ? error : null;
  const line = (p: FieldProblem) => {
    const words = issueText(p, lang, listed?.fieldLabel);
    const field = p.path ? (listed?.fieldLabel?.(p.path) ?? p.path) : '';
    // Most messages name their field already ({field}); the others get it in front.
    return field && !words.includes(field) ? t('state.problemAt', { field, text: words }) : words;
  };
  // validation.failed's own hint sends the user to field hints, which these problems do not have.
  const advice = listed && (listed.problem.code === 'validation.failed' ? t(listed.placed > 0 ? 'state.fixListedAndFields' : 'state.fixListed') : text.hint);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={text.message}
      description={listed ? (
        <>
          <ul data-testid="problem-list" style={{ margin: 0, paddingInlineStart: 20 }}>
            {listed.unplaced.map((p, i) => <li key={`${p.path}-${i}`}>{line(p)}</li>)}
          </ul>
          {advice}
        </>
      ) : text.hint}
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
