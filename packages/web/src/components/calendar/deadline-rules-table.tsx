import { Button, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ListAnswer } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useAction } from '../admin/use-action.ts';
import { ErrorState, LoadingState } from '../page-states.tsx';

export interface DeadlineRule {
  code: string; amount: number; unit: 'hours' | 'calendar_days' | 'working_days'; from: string; responsible: string | null; configurable: boolean;
  extendPastHolidays: boolean; basis: string | null; updatedAt: string; updatedBy: number | null;
}
const UNITS = ['hours', 'calendar_days', 'working_days'] as const;

/**
 * The deadline rules. Statutory ones (adverse-event reporting clocks) are shown read-only; the
 * configurable ones (alert verification periods) are edited in their row: amount and unit.
 */
export function DeadlineRulesTable({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const rules = useApi<ListAnswer<DeadlineRule>>('/api/deadline-rules');
  const [editing, setEditing] = useState<{ code: string; amount: number | null; unit: DeadlineRule['unit'] } | null>(null);
  const save = useAction((code: string, body: { amount: number; unit: string }) => api<DeadlineRule>(`/api/deadline-rules/${encodeURIComponent(code)}`, { method: 'PATCH', body }), ['/api/deadline-rules']);
  const commit = async () => {
    if (!editing || editing.amount === null) return;
    if (await save.run(editing.code, { amount: editing.amount, unit: editing.unit })) setEditing(null);
  };
  if (rules.isPending) return <LoadingState />;
  if (rules.isError) return <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />;
  return (
    <>
      {save.error !== null && <ErrorState error={save.error} />}
      <Table<DeadlineRule>
        rowKey="code" size="small" pagination={false} dataSource={rules.data.items} data-testid="deadline-rules"
        locale={{ emptyText: t('sys.rules.empty') }}
        columns={[
          { title: t('sys.rules.rule'), dataIndex: 'code', render: (code: string) => <><div>{t(`sys.rules.names.${code}`, { defaultValue: code })}</div><Typography.Text type="secondary" code>{code}</Typography.Text></> },
          {
            title: t('sys.rules.period'), key: 'period', render: (_: unknown, r) => editing?.code === r.code ? (
              <Space>
                <InputNumber min={1} max={10_000} precision={0} value={editing.amount} onChange={(amount) => setEditing({ ...editing, amount })} aria-label={t('sys.rules.amount')} data-testid="rule-amount" />
                <Select value={editing.unit} onChange={(unit) => setEditing({ ...editing, unit })} aria-label={t('sys.rules.unit')} style={{ width: 140 }} options={UNITS.map((u) => ({ value: u, label: t(`sys.rules.units.${u}`) }))} data-testid="rule-unit" />
              </Space>
            ) : `${r.amount} ${t(`sys.rules.units.${r.unit}`)}`,
          },
          { title: t('sys.rules.from'), dataIndex: 'from', render: (v: string) => t(`sys.rules.froms.${v}`, { defaultValue: v }) },
          { title: t('sys.rules.kind'), dataIndex: 'configurable', render: (v: boolean) => (v ? <Tag color="blue">{t('sys.rules.configurable')}</Tag> : <Tag>{t('sys.rules.statutory')}</Tag>) },
          {
            title: t('common.actions'), key: 'actions', render: (_: unknown, r) => {
              if (!canEdit || !r.configurable) return null;
              if (editing?.code === r.code) {
                return (
                  <Space>
                    <Button size="small" type="primary" loading={save.busy} onClick={() => void commit()} disabled={editing.amount === null} data-testid="rule-save">{t('sys.save')}</Button>
                    <Button size="small" onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
                  </Space>
                );
              }
              return <Button size="small" onClick={() => setEditing({ code: r.code, amount: r.amount, unit: r.unit })} aria-label={t('sys.rules.editNamed', { code: r.code })} data-testid={`rule-edit-${r.code}`}>{t('sys.edit')}</Button>;
            },
          },
        ]}
      />
    </>
  );
}
