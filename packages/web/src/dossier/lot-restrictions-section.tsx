import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Radio, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, idempotencyKey } from '../api/client.ts';
import type { ListAnswer } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { EmptyState, ErrorState, isUnavailable, LoadingState, UnavailableState } from '../components/page-states.tsx';
import { RegionName } from '../components/region-name.tsx';
import { formatInstant } from '../format/time.ts';
import { useSession } from '../session/session-context.tsx';

/** A suspension or recall as `GET /api/lot-restrictions` answers it. */
export interface LotRestriction {
  id: number;
  di: string;
  lot: string;
  kind: 'suspension' | 'recall';
  recallLevel: 1 | 2 | 3 | null;
  reason: string;
  voluntary: boolean;
  regionCode: string;
  startedAt: string;
  notifyBy: string | null;
  active: boolean;
  liftedAt: string | null;
  liftReason: string | null;
}

interface OrderValues { kind: 'suspension' | 'recall'; recallLevel?: 1 | 2 | 3; reason: string }

/** The tag of a measure: 暂停销售使用, 一级召回 … in red while in force, grey once lifted. */
export function RestrictionTag({ r }: { r: Pick<LotRestriction, 'kind' | 'recallLevel' | 'active'> }) {
  const { t } = useTranslation();
  const text = r.kind === 'recall' && r.recallLevel ? t(`restrictions.levels.${r.recallLevel}`) : t(`restrictions.kinds.${r.kind}`);
  return <Tag color={r.active ? (r.kind === 'recall' && r.recallLevel === 1 ? 'red' : 'volcano') : 'default'}>{text}</Tag>;
}

/** The columns of a list of measures, shared by the lot dossier and the trace's recalls tab. */
export function restrictionColumns(t: TFunction): TableColumnsType<LotRestriction> {
  return [
    { title: t('restrictions.kind'), render: (_, r) => <Space size={4}><RestrictionTag r={r} />{r.voluntary && <Tag>{t('restrictions.voluntaryTag')}</Tag>}</Space> },
    { title: t('restrictions.reason'), render: (_, r) => <span data-content>{r.reason}</span> },
    { title: t('restrictions.startedAt'), render: (_, r) => formatInstant(r.startedAt) },
    { title: t('restrictions.notifyBy'), render: (_, r) => formatInstant(r.notifyBy) },
    { title: t('restrictions.office'), dataIndex: 'regionCode', render: (_, r) => <RegionName code={r.regionCode} /> },
    {
      title: t('restrictions.status'), render: (_, r) => (r.active ? <Tag color="red">{t('restrictions.active')}</Tag> : (
        <Typography.Text type="secondary">{t('restrictions.lifted')} {formatInstant(r.liftedAt)} · <span data-content>{r.liftReason}</span></Typography.Text>
      )),
    },
  ];
}

/**
 * The lot's suspensions and recalls on its dossier page (`GET /api/lot-restrictions?di&lot`). A
 * regulator orders a suspension or a recall (kind, level, reason, then a confirmation) and lifts a
 * measure with its reason; the server decides whether this office may (its answer shows as is).
 */
export function LotRestrictionsSection({ di, lot }: { di: string; lot: string }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const path = `/api/lot-restrictions?di=${encodeURIComponent(di)}&lot=${encodeURIComponent(lot)}&pageSize=50`;
  const list = useApi<ListAnswer<LotRestriction>>(path);
  const regulator = user?.role === 'regulator';
  const [orderOpen, setOrderOpen] = useState(false);
  const [lifting, setLifting] = useState<LotRestriction | null>(null);
  const [liftReason, setLiftReason] = useState('');
  const [form] = Form.useForm<OrderValues>();
  const kind = Form.useWatch('kind', form);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: [path] });

  const order = useMutation({
    mutationFn: (v: OrderValues) => api<LotRestriction>('/api/lot-restrictions', {
      body: { di, lot, kind: v.kind, reason: v.reason, ...(v.kind === 'recall' && { recallLevel: v.recallLevel }) }, headers: { 'idempotency-key': idempotencyKey() },
    }),
    onSuccess: () => {
      void message.success(t('restrictions.done'));
      setOrderOpen(false);
      form.resetFields();
      refresh();
    },
  });
  const lift = useMutation({
    mutationFn: (r: LotRestriction) => api<LotRestriction>(`/api/lot-restrictions/${r.id}/lift`, { body: { reason: liftReason.trim() }, headers: { 'idempotency-key': idempotencyKey() } }),
    onSuccess: () => {
      void message.success(t('restrictions.liftedDone'));
      setLifting(null);
      setLiftReason('');
      refresh();
    },
  });

  const submitOrder = (v: OrderValues) => {
    const measure = v.kind === 'recall' && v.recallLevel ? t(`restrictions.levels.${v.recallLevel}`) : t(`restrictions.kinds.${v.kind}`);
    modal.confirm({
      title: t('restrictions.confirmTitle', { lot, measure }), content: t('restrictions.confirmBody'), okText: t('common.confirm'), cancelText: t('common.cancel'),
      okButtonProps: { danger: true }, onOk: () => order.mutateAsync(v),
    });
  };

  return (
    <Card size="small" title={t('restrictions.title')} id="restrictions" data-testid="section-restrictions"
      extra={regulator ? <Button size="small" danger onClick={() => setOrderOpen(true)} data-testid="restriction-order">{t('restrictions.order')}</Button> : undefined}>
      {list.isPending && <LoadingState rows={2} />}
      {list.isError && (isUnavailable(list.error) ? <UnavailableState api="GET /api/lot-restrictions" /> : <ErrorState error={list.error} />)}
      {lift.isError && <ErrorState error={lift.error} />}
      {list.data && (list.data.items.length === 0 ? <EmptyState /> : (
        <Table<LotRestriction> size="small" rowKey="id" pagination={false} dataSource={list.data.items} columns={[
          ...restrictionColumns(t),
          ...(regulator ? [{ title: t('common.actions'), render: (_: unknown, r: LotRestriction) => (r.active ? <Button size="small" onClick={() => setLifting(r)}>{t('restrictions.lift')}</Button> : null) }] : []),
        ]} />
      ))}

      <Modal open={orderOpen} title={t('restrictions.order')} okText={t('common.submit')} cancelText={t('common.cancel')} onCancel={() => setOrderOpen(false)}
        onOk={() => void form.validateFields().then(submitOrder)} okButtonProps={{ danger: true, loading: order.isPending }} destroyOnHidden>
        {order.isError && <ErrorState error={order.error} />}
        <Form form={form} layout="vertical" initialValues={{ kind: 'suspension' }} preserve={false}>
          <Form.Item name="kind" label={t('restrictions.kind')}>
            <Radio.Group options={[{ value: 'suspension', label: t('restrictions.kinds.suspension') }, { value: 'recall', label: t('restrictions.kinds.recall') }]} />
          </Form.Item>
          {kind === 'recall' && (
            <Form.Item name="recallLevel" label={t('restrictions.level')} extra={t('restrictions.levelHelp')} rules={[{ required: true, message: t('restrictions.levelRequired') }]}>
              <Radio.Group options={([1, 2, 3] as const).map((l) => ({ value: l, label: t(`restrictions.levels.${l}`) }))} />
            </Form.Item>
          )}
          <Form.Item name="reason" label={t('restrictions.reason')} rules={[{ required: true, whitespace: true, message: t('restrictions.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal open={lifting !== null} title={lifting ? t('restrictions.liftTitle', { id: lifting.id }) : ''} okText={t('restrictions.liftConfirm')} cancelText={t('common.cancel')}
        onCancel={() => setLifting(null)} onOk={() => lifting && lift.mutate(lifting)} okButtonProps={{ disabled: liftReason.trim().length === 0, loading: lift.isPending }} destroyOnHidden>
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('restrictions.liftReason')} value={liftReason} onChange={(e) => setLiftReason(e.target.value)} aria-label={t('restrictions.liftReason')} />
      </Modal>
    </Card>
  );
}
