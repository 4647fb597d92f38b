import { Alert, Calendar, Card, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListAnswer } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { OverrideEditor, OverrideTag, type CalendarOverride } from '../components/calendar/override-editor.tsx';
import { DeadlineRulesTable } from '../components/calendar/deadline-rules-table.tsx';
import { ErrorState, LoadingState } from '../components/page-states.tsx';
import { dayjs, DISPLAY_TIME_ZONE } from '../format/time.ts';
import { useSession } from '../session/session-context.tsx';

/** The working-day calendar and the deadline rules that count on it (changed by the system admin). */
export default function CalendarPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const canEdit = user?.role === 'sysadmin';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('sys.calendar.title')}</Typography.Title>
      <Card size="small" title={t('sys.calendar.title')}><OverrideCalendar canEdit={canEdit} /></Card>
      <Card size="small" title={t('sys.rules.title')}><DeadlineRulesTable canEdit={canEdit} /></Card>
    </Space>
  );
}

/** A month view: holidays and adjusted working days on their dates; clicking a day edits it. */
export function OverrideCalendar({ canEdit, initial }: { canEdit: boolean; initial?: string }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(() => (initial ? dayjs(initial) : dayjs().tz(DISPLAY_TIME_ZONE)));
  const [editing, setEditing] = useState<string | null>(null);
  const overrides = useApi<ListAnswer<CalendarOverride>>(`/api/calendar/overrides?year=${month.year()}`);
  const byDate = useMemo(() => new Map((overrides.data?.items ?? []).map((o) => [o.date, o])), [overrides.data]);
  const provisional = overrides.data?.items.some((o) => o.provisional) ?? false;
  return (
    <>
      <Typography.Paragraph type="secondary">{t(canEdit ? 'sys.calendar.hint' : 'sys.calendar.readOnly')}</Typography.Paragraph>
      {provisional && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t('sys.calendar.provisionalHint', { year: month.year() })} />}
      {overrides.isError && <ErrorState error={overrides.error} onRetry={() => void overrides.refetch()} />}
      {overrides.isPending && <LoadingState rows={2} />}
      <div data-testid="override-calendar">
        <Calendar
          value={month}
          onPanelChange={(d) => setMonth(d)}
          onSelect={(d, info) => {
            setMonth(d);
            if (canEdit && info.source === 'date') setEditing(d.format('YYYY-MM-DD'));
          }}
          cellRender={(d, info) => {
            if (info.type !== 'date') return info.originNode;
            const o = byDate.get(d.format('YYYY-MM-DD'));
            return o ? (
              <div data-testid={`day-${o.date}`}>
                <OverrideTag override={o} />
                {o.name && <div style={{ fontSize: 12 }} data-content>{o.name}</div>}
              </div>
            ) : null;
          }}
        />
      </div>
      {editing && <OverrideEditor date={editing} current={byDate.get(editing) ?? null} onClose={() => setEditing(null)} />}
    </>
  );
}
