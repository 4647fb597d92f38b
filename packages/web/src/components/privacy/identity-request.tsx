import { patientIdentityRequestInputSchema } from '@lianjian/core/records/patient-identity-request';
import { Alert, Button, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotencyKey } from '../../api/client.ts';
import { ApiProblem } from '../../api/problem.ts';
import { formatInstant } from '../../format/time.ts';
import { placeAtFields } from '../admin/server-fields.ts';
import { useAction } from '../admin/use-action.ts';
import { messageFor, schemaIssues, useFieldLabels } from '../form-issues.ts';
import { ErrorState } from '../page-states.tsx';
import { useWordedIssues } from '../use-worded-issues.ts';
import { REQUESTS_API, type IdentityRequestSummary, type IdentityRequestView } from './identity-requests-api.ts';

/** The summary the card keeps, from a full request view (the answer of a request or a withdrawal). */
export const summaryOf = (r: IdentityRequestView): IdentityRequestSummary => ({
  id: r.id, status: r.status, purpose: r.purpose, createdAt: r.createdAt, decidedAt: r.decidedAt, decisionReason: r.decisionReason,
});

/** The boxes the server's field problems are shown at; the patient key (and anything else) goes to the banner. */
const FIELDS = ['purpose'];

/**
 * Asks a privacy officer to see one patient's identity, for a purpose (prefilled from the report
 * it is asked from). Sent with an idempotency key, kept until it succeeds, so a retry after a lost
 * answer does not ask twice.
 */
export function RequestIdentityModal({ patientKey, reportNo, onClose, onRequested, onStale }: {
  patientKey: string; reportNo?: string | undefined; onClose: () => void; onRequested: (request: IdentityRequestView) => void;
  /** A 409: the card is out of date (asked in another tab, or a grant is live): it reads the identity again. */
  onStale?: () => void;
}) {
  const { t } = useTranslation();
  const [purpose, setPurpose] = useState(() => t('sys.privacy.request.purposeDefault', { reportNo: reportNo ?? '' }).trim());
  const [key, setKey] = useState(idempotencyKey);
  const fieldLabel = useFieldLabels({ purpose: t('sys.privacy.purpose') });
  const { issues, check, fromServer, clear } = useWordedIssues(fieldLabel);
  const place = placeAtFields(fromServer, FIELDS, fieldLabel);
  const save = useAction((body: Record<string, unknown>) => api<IdentityRequestView>(REQUESTS_API, { body, headers: { 'idempotency-key': key } }), [REQUESTS_API], (e) => {
    if (e instanceof ApiProblem && e.status === 409) onStale?.();
    // A 409 or a 404 has no field problems: the banner shows all of it.
    return place(e);
  });
  const submit = async () => {
    const body = { patientKey, purpose: purpose.trim() };
    if (Object.keys(check((locale, label) => schemaIssues(patientIdentityRequestInputSchema, body, locale, label))).length) return;
    const request = await save.run(body);
    if (request) {
      setKey(idempotencyKey());
      onRequested(request);
    }
  };
  const problem = messageFor(issues, 'purpose');
  return (
    <Modal open title={t('sys.privacy.request.title')} onCancel={onClose} data-testid="request-modal"
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="submit" type="primary" loading={save.busy} onClick={() => void submit()} data-testid="request-submit">{t('sys.privacy.request.submit')}</Button>,
      ]}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('sys.privacy.request.hint')}</Typography.Paragraph>
        {save.error !== null && <ErrorState error={save.error} />}
        <Form layout="vertical" onFinish={() => void submit()}>
          <Form.Item label={t('sys.privacy.purpose')} extra={t('sys.privacy.request.purposeHint')} required
            {...(problem ? { validateStatus: 'error' as const, help: <span data-testid="error-purpose">{problem}</span> } : {})}>
            <Input.TextArea rows={3} maxLength={300} value={purpose} data-testid="request-purpose"
              onChange={(e) => {
                setPurpose(e.target.value);
                clear('purpose');
              }} />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}

/**
 * Where the caller's request to see a masked patient stands, and what they can do about it: ask
 * (none yet, withdrawn, declined, or approved but the grant has ended since) or withdraw (pending).
 */
export function IdentityRequestState({ request, onAsk, onWithdrawn, onStale }: {
  request: IdentityRequestSummary | null; onAsk: () => void; onWithdrawn: (request: IdentityRequestView) => void;
  /** A 409 on withdrawing: the officer decided meanwhile; the card reads the identity again. */
  onStale?: () => void;
}) {
  const { t } = useTranslation();
  const withdraw = useAction((id: number) => api<IdentityRequestView>(`${REQUESTS_API}/${id}/withdraw`, { method: 'POST' }), [REQUESTS_API], (e) => {
    if (e instanceof ApiProblem && e.status === 409) onStale?.();
    return false;
  });
  const status = request?.status ?? 'none';
  const ask = (again: boolean) => (
    <Button type="primary" size="small" onClick={onAsk} data-testid="request-identity">{t(again ? 'sys.privacy.request.askAgain' : 'sys.privacy.request.ask')}</Button>
  );
  const purpose = request && <Typography.Text type="secondary" data-content>{t('sys.privacy.request.purposeIs', { purpose: request.purpose })}</Typography.Text>;
  let body: React.ReactNode;
  if (request?.status === 'pending') {
    body = (
      <Alert type="info" showIcon message={t('sys.privacy.request.pending', { at: formatInstant(request.createdAt) })} description={purpose}
        action={(
          <Popconfirm title={t('sys.privacy.request.withdrawConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')}
            onConfirm={async () => {
              const done = await withdraw.run(request.id);
              if (done) onWithdrawn(done);
            }}>
            <Button size="small" loading={withdraw.busy} data-testid="withdraw-request">{t('sys.privacy.request.withdraw')}</Button>
          </Popconfirm>
        )} />
    );
  } else if (request?.status === 'declined') {
    body = (
      <Alert type="warning" showIcon message={t('sys.privacy.request.declined', { at: formatInstant(request.decidedAt) })} action={ask(true)}
        description={<Space direction="vertical" size={0}><span data-content>{t('sys.privacy.request.reasonIs', { reason: request.decisionReason ?? '—' })}</span>{purpose}</Space>} />
    );
  } else if (request?.status === 'approved') {
    body = <Alert type="warning" showIcon message={t('sys.privacy.request.approvedEnded', { at: formatInstant(request.decidedAt) })} description={purpose} action={ask(true)} />;
  } else {
    // None yet, or the last one withdrawn: nothing to tell but the way to ask.
    body = ask(false);
  }
  return (
    <div style={{ marginTop: 8 }} data-testid="identity-request" data-status={status}>
      {withdraw.error !== null && <ErrorState error={withdraw.error} />}
      {body}
    </div>
  );
}
