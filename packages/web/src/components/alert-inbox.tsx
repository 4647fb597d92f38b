import { Badge, Card, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ListAnswer } from '../api/client.ts';
import type { Alert } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { formatInstant } from '../format/time.ts';
import { EmptyState, ErrorState, isUnavailable, LoadingState, UnavailableState } from './page-states.tsx';

export const GRADE_COLOURS: Record<string, string> = { general: 'blue', major: 'orange', critical: 'red' };

/**
 * The newest alerts in the caller's scope, live: the list loads from `GET /api/alerts`, then the
 * server-sent events of `GET /api/alerts/stream` put each new alert on top without a reload.
 */
export function AlertInbox() {
  const { t } = useTranslation();
  const list = useApi<ListAnswer<Alert>>('/api/alerts?pageSize=8&open=true');
  const [live, setLive] = useState<Alert[]>([]);
  const [connected, setConnected] = useState(false);
  const available = list.isSuccess;

  useEffect(() => {
    if (!available || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/alerts/stream');
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    const take = (e: MessageEvent<string>) => {
      try {
        const data = JSON.parse(e.data) as Alert | { alert?: Alert };
        const alert = 'alert' in data && data.alert ? data.alert : (data as Alert);
        if (alert && typeof alert.id === 'number') setLive((prev) => [alert, ...prev.filter((a) => a.id !== alert.id)].slice(0, 20));
      } catch {
        /* a heartbeat or a comment */
      }
    };
    source.onmessage = take;
    source.addEventListener('alert', take as EventListener);
    return () => source.close();
  }, [available]);

  let body: React.ReactNode;
  if (list.isPending) body = <LoadingState rows={3} />;
  else if (list.isError) body = isUnavailable(list.error) ? <UnavailableState api="GET /api/alerts" /> : <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else {
    const seen = new Set<number>();
    const items = [...live, ...list.data.items].filter((a) => !seen.has(a.id) && (seen.add(a.id), true));
    body = items.length === 0 ? <EmptyState hint={t('dashboard.inboxEmpty')} /> : (
      // A plain list (antd's List would bring its pagination and select along to the first page).
      <ul data-testid="alert-inbox" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((a) => (
          <li key={a.id} data-testid="inbox-item" style={{ display: 'flex', justifyContent: 'space-between', gap: 8, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
            <Link to={`/alerts/${a.id}`}>
              <Tag color={GRADE_COLOURS[a.grade]}>{t(`alerts.grades.${a.grade}`)}</Tag>
              <Typography.Text data-content>{a.subject && typeof a.subject.label === 'string' ? a.subject.label : a.source}</Typography.Text>
            </Link>
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{formatInstant(a.createdAt)}</Typography.Text>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Card size="small" title={t('dashboard.inbox')} extra={available ? <Badge status={connected ? 'processing' : 'default'} text={t('dashboard.live')} /> : null}>
      {body}
    </Card>
  );
}
