import { MAX_GRANT_DAYS, patientIdentityGrantInputSchema } from '@lianjian/core/records/patient-identity-grant';
import { Button, DatePicker, Form, Input, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotencyKey } from '../../api/client.ts';
import { dayjs, DISPLAY_TIME_ZONE } from '../../format/time.ts';
import { placeAtFields } from '../admin/server-fields.ts';
import { useAction } from '../admin/use-action.ts';
import { messageFor, schemaIssues, useFieldLabels } from '../form-issues.ts';
import { useWordedIssues } from '../use-worded-issues.ts';
import { GranteeSelect } from './grantee-select.tsx';
import { ErrorState } from '../page-states.tsx';

export interface GrantValues { userId: number | null; patientKey: string; purpose: string; expiresAt: Dayjs | null }

/** The boxes the server's field problems are shown at; a problem at any other path goes to the banner. */
const FIELDS = ['userId', 'patientKey', 'purpose', 'expiresAt'];

/**
 * The picker's wall-clock time read as Shanghai time, like every time the app shows (whatever the
 * browser's own zone), as an instant.
 */
export const shanghaiInstant = (picked: Dayjs): Dayjs => dayjs.tz(picked.format('YYYY-MM-DDTHH:mm:ss'), DISPLAY_TIME_ZONE);

/** The POST body: the expiry with the Shanghai offset (the schema wants an offset). */
export function grantInput(v: GrantValues): Record<string, unknown> {
  return {
    patientKey: v.patientKey.trim(), purpose: v.purpose.trim(),
    ...(v.userId !== null && { userId: v.userId }),
    ...(v.expiresAt && { expiresAt: shanghaiInstant(v.expiresAt).format('YYYY-MM-DDTHH:mm:ssZ') }),
  };
}

/** Grant one user the right to see one patient's identity unmasked, for a purpose, until an expiry (privacy officer). */
export function GrantForm({ onGranted, now = () => dayjs() }: { onGranted: (grant: { id: number }) => void; now?: () => Dayjs }) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<GrantValues>({ userId: null, patientKey: '', purpose: '', expiresAt: null });
  const [key, setKey] = useState(idempotencyKey);
  // The issues name each field as the form shows it (被授权用户), not by its API path (userId).
  const fieldLabel = useFieldLabels({ userId: t('sys.privacy.userId'), patientKey: t('sys.privacy.patientKey'), purpose: t('sys.privacy.purpose'), expiresAt: t('sys.privacy.expiresAt') });
  // Kept as what found them, so a language switch re-words them.
  const { issues, check, fromServer, clear } = useWordedIssues(fieldLabel);
  const save = useAction((body: Record<string, unknown>) => api<{ id: number }>('/api/patient-identity-grants', { body, headers: { 'idempotency-key': key } }), ['/api/patient-identity-grants'],
    placeAtFields(fromServer, FIELDS, fieldLabel));
  const change = <K extends keyof GrantValues>(k: K, v: GrantValues[K]) => {
    setValues((old) => ({ ...old, [k]: v }));
    clear(k);
  };
  const submit = async () => {
    const body = grantInput(values);
    const at = values.expiresAt ? shanghaiInstant(values.expiresAt) : null;
    const found = check((locale, label) => {
      const out = schemaIssues(patientIdentityGrantInputSchema, body, locale, label);
      // The 90-day limit and "in the future" are the server's rules too; saying so here saves a round trip.
      const inWords = i18n.getFixedT(locale);
      if (!out.expiresAt && at) {
        if (!at.isAfter(now())) out.expiresAt = inWords('sys.privacy.expiryPast');
        else if (at.diff(now(), 'day', true) > MAX_GRANT_DAYS) out.expiresAt = inWords('sys.privacy.expiryTooFar', { days: MAX_GRANT_DAYS });
      }
      return out;
    });
    if (Object.keys(found).length) return;
    const grant = await save.run(body);
    if (grant) {
      setValues({ userId: null, patientKey: '', purpose: '', expiresAt: null });
      setKey(idempotencyKey());
      onGranted(grant);
    }
  };
  const status = (field: string) => (messageFor(issues, field) ? { validateStatus: 'error' as const, help: <span data-testid={`error-${field}`}>{messageFor(issues, field)}</span> } : {});
  return (
    <Form layout="vertical" onFinish={() => void submit()} aria-label={t('sys.privacy.grant')} data-testid="grant-form" style={{ maxWidth: 520 }}>
      {save.error !== null && <ErrorState error={save.error} />}
      <Form.Item label={t('sys.privacy.userId')} extra={t('sys.privacy.userIdHint')} required {...status('userId')}>
        <GranteeSelect value={values.userId} onChange={(v) => change('userId', v)} testId="field-userId" />
      </Form.Item>
      <Form.Item label={t('sys.privacy.patientKey')} extra={t('sys.privacy.patientKeyHint')} required {...status('patientKey')}>
        <Input value={values.patientKey} onChange={(e) => change('patientKey', e.target.value)} placeholder="pk_…" data-testid="field-patientKey" />
      </Form.Item>
      <Form.Item label={t('sys.privacy.purpose')} extra={t('sys.privacy.purposeHint')} required {...status('purpose')}>
        <Input.TextArea rows={2} maxLength={300} value={values.purpose} onChange={(e) => change('purpose', e.target.value)} data-testid="field-purpose" />
      </Form.Item>
      <Form.Item label={t('sys.privacy.expiresAt')} extra={t('sys.privacy.expiresHint', { days: MAX_GRANT_DAYS })} required {...status('expiresAt')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={values.expiresAt} onChange={(d) => change('expiresAt', d)} data-testid="field-expiresAt" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.busy} data-testid="grant-submit">{t('sys.privacy.grant')}</Button>
      </Space>
    </Form>
  );
}
