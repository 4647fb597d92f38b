import { MAX_GRANT_DAYS } from '@lianjian/core/records/patient-identity-grant';
import { patientIdentityRequestApprovalSchema, patientIdentityRequestDeclineSchema } from '@lianjian/core/records/patient-identity-request';
import { useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Modal, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotencyKey } from '../../api/client.ts';
import { ApiProblem } from '../../api/problem.ts';
import { dayjs, DISPLAY_TIME_ZONE } from '../../format/time.ts';
import { placeAtFields } from '../admin/server-fields.ts';
import { useAction } from '../admin/use-action.ts';
import { messageFor, schemaIssues, useFieldLabels, type FieldLabel } from '../form-issues.ts';
import { ErrorState } from '../page-states.tsx';
import { useWordedIssues } from '../use-worded-issues.ts';
import { REQUESTS_API, type IdentityRequestView } from './identity-requests-api.ts';

/** What a decision touches: the requests (and the navigation's pending count) and, for an approval, the grants. */
const TOUCHED = [REQUESTS_API, '/api/patient-identity-grants'];

/** A grant made by approving a request, as the approval answers it. */
export interface ApprovedGrant { id: number; expiresAt: string }

/** The last moment of a Shanghai calendar day (`2026-12-26`), as an instant with its offset: what an approval's expiry is. */
export const endOfShanghaiDay = (day: string): string => dayjs.tz(`${day}T23:59:59`, DISPLAY_TIME_ZONE).format('YYYY-MM-DDTHH:mm:ssZ');

/** The approval's POST body: the expiry at the end of the picked day in Shanghai, and the purpose as the grant will record it. */
export function approvalInput(day: string | null, purpose: string): Record<string, unknown> {
  return { ...(day && { expiresAt: endOfShanghaiDay(day) }), purpose: purpose.trim() };
}

/** The Shanghai calendar day `days` after now: the approval's default expiry (30 days). */
export const shanghaiDayAfter = (now: Dayjs, days: number): string => now.tz(DISPLAY_TIME_ZONE).add(days, 'day').format('YYYY-MM-DD');

/** Why an expiry day cannot be (past, or beyond the 90-day limit), in a locale's words; undefined when it can. */
function expiryProblem(day: string, now: Dayjs, words: (key: string, options?: Record<string, unknown>) => string): string | undefined {
  const at = Date.parse(endOfShanghaiDay(day));
  if (at <= now.valueOf()) return words('sys.privacy.expiryPast');
  if (at > now.valueOf() + MAX_GRANT_DAYS * 86_400_000) return words('sys.privacy.expiryTooFar', { days: MAX_GRANT_DAYS });
  return undefined;
}

/**
 * A form's useAction onError: field problems at their boxes, the rest (409, a refused user) in the
 * banner. A 409 or 404 means the request changed meanwhile (another officer decided, the requester
 * withdrew): the lists are read again, so the row no longer offers what just failed.
 */
function placeProblems(fromServer: (e: unknown) => void, fields: string[], fieldLabel: FieldLabel, refresh: () => void) {
  const place = placeAtFields(fromServer, fields, fieldLabel);
  return (e: unknown) => {
    if (e instanceof ApiProblem && (e.status === 409 || e.status === 404)) refresh();
    return place(e);
  };
}

/** Reads the requests (the list and the navigation's count) again. */
function useRefreshRequests(): () => void {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ predicate: (q) => String(q.queryKey[0] ?? '').startsWith(REQUESTS_API) });
}

const fieldStatus = (message: string | undefined, testId: string) =>
  (message ? { validateStatus: 'error' as const, help: <span data-testid={testId}>{message}</span> } : {});

/**
 * The privacy officer approves a request: the requester gets a grant for the purpose (the request's,
 * rewordable) until the end of the picked day in Shanghai, 30 days ahead unless changed, at most 90.
 */
export function ApproveRequestModal({ request, onClose, onApproved, now = () => dayjs() }: {
  request: IdentityRequestView; onClose: () => void; onApproved: (grant: ApprovedGrant) => void; now?: () => Dayjs;
}) {
  const { t, i18n } = useTranslation();
  const [day, setDay] = useState<string | null>(() => shanghaiDayAfter(now(), 30));
  const [purpose, setPurpose] = useState(request.purpose);
  const [key, setKey] = useState(idempotencyKey);
  const fieldLabel = useFieldLabels({ expiresAt: t('sys.privacy.requests.expiryDate'), purpose: t('sys.privacy.purpose') });
  const { issues, check, fromServer, clear } = useWordedIssues(fieldLabel);
  const refresh = useRefreshRequests();
  const save = useAction(
    (body: Record<string, unknown>) => api<{ request: IdentityRequestView; grant: ApprovedGrant }>(`${REQUESTS_API}/${request.id}/approve`, { body, headers: { 'idempotency-key': key } }),
    TOUCHED, placeProblems(fromServer, ['expiresAt', 'purpose'], fieldLabel, refresh),
  );
  const submit = async () => {
    const body = approvalInput(day, purpose);
    const found = check((locale, label) => {
      const out = schemaIssues(patientIdentityRequestApprovalSchema, body, locale, label);
      // The server's rules too; saying so here saves a round trip.
      if (!out.expiresAt && day) {
        const problem = expiryProblem(day, now(), i18n.getFixedT(locale));
        if (problem) out.expiresAt = problem;
      }
      return out;
    });
    if (Object.keys(found).length) return;
    const answer = await save.run(body);
    if (answer) {
      setKey(idempotencyKey());
      onApproved(answer.grant);
    }
  };
  const user = `${request.requesterDisplayName} (${request.requesterUsername})`;
  return (
    <Modal open title={t('sys.privacy.requests.approveTitle', { user, key: request.patientKey })} onCancel={onClose} data-testid="approve-modal"
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" loading={save.busy} onClick={() => void submit()} data-testid="approve-submit">{t('sys.privacy.requests.approve')}</Button>,
      ]}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {save.error !== null && <ErrorState error={save.error} />}
        <Form layout="vertical">
          <Form.Item label={t('sys.privacy.requests.expiryDate')} extra={t('sys.privacy.requests.expiryDateHint', { days: MAX_GRANT_DAYS })} required {...fieldStatus(messageFor(issues, 'expiresAt'), 'error-expiresAt')}>
            <DatePicker value={day ? dayjs(day) : null} format="YYYY-MM-DD" data-testid="approve-expiresAt" allowClear
              disabledDate={(d) => expiryProblem(d.format('YYYY-MM-DD'), now(), t) !== undefined}
              onChange={(d: Dayjs | null) => {
                setDay(d ? d.format('YYYY-MM-DD') : null);
                clear('expiresAt');
              }} />
          </Form.Item>
          <Form.Item label={t('sys.privacy.purpose')} extra={t('sys.privacy.requests.purposeHint')} required {...fieldStatus(messageFor(issues, 'purpose'), 'error-purpose')}>
            <Input.TextArea rows={2} maxLength={300} value={purpose} data-testid="approve-purpose"
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

/** The privacy officer declines a request with a reason the requester reads. */
export function DeclineRequestModal({ request, onClose, onDeclined }: { request: IdentityRequestView; onClose: () => void; onDeclined: (request: IdentityRequestView) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const fieldLabel = useFieldLabels({ reason: t('sys.privacy.requests.reason') });
  const { issues, check, fromServer, clear } = useWordedIssues(fieldLabel);
  const refresh = useRefreshRequests();
  const save = useAction((body: Record<string, unknown>) => api<IdentityRequestView>(`${REQUESTS_API}/${request.id}/decline`, { body }), TOUCHED, placeProblems(fromServer, ['reason'], fieldLabel, refresh));
  const submit = async () => {
    const body = { reason: reason.trim() };
    if (Object.keys(check((locale, label) => schemaIssues(patientIdentityRequestDeclineSchema, body, locale, label))).length) return;
    const declined = await save.run(body);
    if (declined) onDeclined(declined);
  };
  const user = `${request.requesterDisplayName} (${request.requesterUsername})`;
  return (
    <Modal open title={t('sys.privacy.requests.declineTitle', { user, key: request.patientKey })} onCancel={onClose} data-testid="decline-modal"
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" danger type="primary" loading={save.busy} onClick={() => void submit()} data-testid="decline-submit">{t('sys.privacy.requests.decline')}</Button>,
      ]}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }} data-content>{t('sys.privacy.request.purposeIs', { purpose: request.purpose })}</Typography.Paragraph>
        {save.error !== null && <ErrorState error={save.error} />}
        <Form layout="vertical">
          <Form.Item label={t('sys.privacy.requests.reason')} extra={t('sys.privacy.requests.reasonHint')} required {...fieldStatus(messageFor(issues, 'reason'), 'error-reason')}>
            <Input.TextArea rows={3} maxLength={300} value={reason} data-testid="decline-reason"
              onChange={(e) => {
                setReason(e.target.value);
                clear('reason');
              }} />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
