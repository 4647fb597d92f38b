import { Button, Form, Input, Modal, Popconfirm, Radio, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { UiLanguage } from '../../i18n/i18n.ts';
import { showServerFieldErrors, useServerFieldErrors } from '../admin/server-fields.ts';
import { useAction } from '../admin/use-action.ts';
import { useFieldLabels } from '../form-issues.ts';
import { ErrorState } from '../page-states.tsx';

export interface CalendarOverride { date: string; kind: 'holiday' | 'workday'; name: string | null; source: string; updatedAt: string; updatedBy: number | null; provisional?: boolean }

/** A day's tag on the calendar: holiday, adjusted working day, and "provisional" when the server marks it so. */
export function OverrideTag({ override }: { override: CalendarOverride }) {
  const { t } = useTranslation();
  return (
    <Space size={2} wrap>
      <Tag color={override.kind === 'holiday' ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>
        {override.kind === 'holiday' ? t('sys.calendar.holiday') : t('sys.calendar.workday')}
      </Tag>
      {override.provisional && <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('sys.calendar.provisional')}</Tag>}
    </Space>
  );
}

/**
 * Set or clear one day's override (system admin), each after a confirmation: the calendar moves
 * every working-day deadline that spans the day.
 */
export function OverrideEditor({ date, current, onClose }: { date: string; current: CalendarOverride | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ kind: 'holiday' | 'workday'; name?: string }>();
  const kind = Form.useWatch('kind', form);
  // `date` is the path parameter: a refused date has no field of its own and is listed in the banner.
  const fieldLabel = useFieldLabels({ date: t('sys.calendar.date'), kind: t('sys.calendar.kind'), name: t('sys.calendar.name') });
  const invalidates = ['/api/calendar'];
  const showErrors = useServerFieldErrors(form, ['kind', 'name'], fieldLabel);
  const set = useAction((body: { kind: string; name?: string }) => api<CalendarOverride>(`/api/calendar/overrides/${date}`, { method: 'PUT', body }), invalidates, showErrors);
  const clear = useAction(async () => {
    await api(`/api/calendar/overrides/${date}`, { method: 'DELETE' });
    return true;
  }, invalidates, (e) => showServerFieldErrors(form, e, i18n.language as UiLanguage, [], fieldLabel));
  const save = async () => {
    const v = await form.validateFields();
    const name = v.name?.trim();
    if (await set.run({ kind: v.kind, ...(name ? { name } : {}) })) onClose();
  };
  const remove = async () => {
    if (await clear.run()) onClose();
  };
  const error = set.error ?? clear.error;
  return (
    <Modal open title={t('sys.calendar.editTitle', { date })} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph data-testid="override-current">
        {current ? <>{t('sys.calendar.currently')} <OverrideTag override={current} /> {current.name && <span data-content>{current.name}</span>} · {(current.source === 'admin' ? t('sys.calendar.sources.admin') : t('sys.calendar.sources.package', { source: current.source }))}</> : t('sys.calendar.plainDay')}
      </Typography.Paragraph>
      {error !== null && <ErrorState error={error} />}
      <Form form={form} layout="vertical" initialValues={{ kind: current?.kind ?? 'holiday', name: current?.name ?? '' }} aria-label={t('sys.calendar.editTitle', { date })}>
        <Form.Item name="kind" label={t('sys.calendar.kind')} rules={[{ required: true }]}>
          <Radio.Group options={[{ value: 'holiday', label: t('sys.calendar.holiday') }, { value: 'workday', label: t('sys.calendar.workday') }]} />
        </Form.Item>
        <Form.Item name="name" label={t('sys.calendar.name')} extra={t('sys.calendar.nameHint')} rules={[{ max: 50 }]}>
          <Input data-testid="override-name" />
        </Form.Item>
        <Space>
          <Popconfirm title={t('sys.calendar.setConfirm', { date, kind: t(kind === 'workday' ? 'sys.calendar.workday' : 'sys.calendar.holiday') })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => save()}>
            <Button type="primary" loading={set.busy} data-testid="override-save">{t('sys.save')}</Button>
          </Popconfirm>
          {current && (
            <Popconfirm title={t('sys.calendar.clearConfirm', { date })} okText={t('common.confirm')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => remove()}>
              <Button danger loading={clear.busy} data-testid="override-clear">{t('sys.calendar.clear')}</Button>
            </Popconfirm>
          )}
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
