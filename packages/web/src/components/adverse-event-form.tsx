import { adverseEventInputSchema } from '@lianjian/core/records/adverse-event';
import { parseUdi } from '@lianjian/core/identifiers/parse-udi';
import type { Locale } from '@lianjian/core/locales/index';
import { Alert, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotencyKey } from '../api/client.ts';
import type { AdverseEventReport } from '../api/types.ts';
import { formatInstant } from '../format/time.ts';
import { bannerProblem } from './admin/server-fields.ts';
import { issuesAsTyped, joinMessages, serverIssues, useFieldLabels } from './form-issues.ts';
import { ErrorState } from './page-states.tsx';

export interface AeFormValues {
  udi: string; patientName: string; idNumber: string; birthDate: string; sex: string; manifestation: string;
  eventDate: string; dateKnown: string; outcome: string; deathDate: string; narrative: string; imdrfCodes: string;
}

const EMPTY: AeFormValues = { udi: '', patientName: '', idNumber: '', birthDate: '', sex: '', manifestation: '', eventDate: '', dateKnown: '', outcome: '', deathDate: '', narrative: '', imdrfCodes: '' };

/** Form text → the API's input: empty fields are left out, so the schema's own "required" rules speak. */
export function toInput(v: AeFormValues): Record<string, unknown> {
  const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
  const patient = { name: v.patientName.trim(), idNumber: opt(v.idNumber), birthDate: opt(v.birthDate), sex: opt(v.sex) };
  const input: Record<string, unknown> = {
    kind: 'initial', udi: opt(v.udi), patient, manifestation: v.manifestation.trim(), eventDate: opt(v.eventDate), dateKnown: opt(v.dateKnown),
    outcome: opt(v.outcome), deathDate: opt(v.deathDate), narrative: opt(v.narrative),
    imdrfCodes: v.imdrfCodes.split(/[,，\s]+/).map((c) => c.trim()).filter(Boolean),
  };
  return JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
}

/** Which form field shows a problem at this API path. */
const FIELD_OF: Record<string, keyof AeFormValues> = {
  udi: 'udi', productDi: 'udi', lot: 'udi', serial: 'udi', productionDate: 'udi', expiryDate: 'udi', 'patient.name': 'patientName', 'patient.idNumber': 'idNumber',
  'patient.birthDate': 'birthDate', 'patient.sex': 'sex', manifestation: 'manifestation', eventDate: 'eventDate', dateKnown: 'dateKnown', outcome: 'outcome',
  deathDate: 'deathDate', narrative: 'narrative', imdrfCodes: 'imdrfCodes',
};

/**
 * Each field's label (i18n key) and its own API path, by which the issues' words name it. The
 * device's parts (productDi, lot, …) are shown under the UDI but are no box of this form: they keep their paths.
 */
const FORM_FIELDS: Record<keyof AeFormValues, { path: string; label: string }> = {
  udi: { path: 'udi', label: 'ae.form.udi' }, patientName: { path: 'patient.name', label: 'ae.form.patientName' }, idNumber: { path: 'patient.idNumber', label: 'ae.form.idNumber' },
  birthDate: { path: 'patient.birthDate', label: 'ae.form.birthDate' }, sex: { path: 'patient.sex', label: 'ae.form.sex' }, manifestation: { path: 'manifestation', label: 'ae.form.manifestation' },
  eventDate: { path: 'eventDate', label: 'ae.eventDate' }, dateKnown: { path: 'dateKnown', label: 'ae.dateKnown' }, outcome: { path: 'outcome', label: 'ae.outcome' },
  deathDate: { path: 'deathDate', label: 'ae.form.deathDate' }, narrative: { path: 'narrative', label: 'ae.form.narrative' }, imdrfCodes: { path: 'imdrfCodes', label: 'ae.form.imdrfCodes' },
};

/** The field that shows a problem at this path (a list's member by the list: `imdrfCodes.1`), if any. */
function fieldAt(path: string): keyof AeFormValues | undefined {
  const own = (p: string) => (Object.hasOwn(FIELD_OF, p) ? FIELD_OF[p] : undefined);
  return own(path) ?? own(path.replace(/\.\d+$/, ''));
}

function byField(issues: Record<string, string>): Partial<Record<keyof AeFormValues, string>> {
  const out: Partial<Record<keyof AeFormValues, string>> = {};
  for (const path of Object.keys(issues)) {
    const field = fieldAt(path);
    if (field) out[field] = joinMessages(out[field], issues[path] as string);
  }
  return out;
}

/**
 * The adverse-event report (issue 4): each field is checked as it is typed with core's
 * adverseEventInputSchema, the schema the server validates with; what only the server can know
 * (the DI is registered, an IMDRF code is in the list) comes back as problem+json field issues and
 * is shown next to the field until it is edited.
 */
export function AdverseEventForm({ onSubmitted }: { onSubmitted?: (r: AdverseEventReport) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const [values, setValues] = useState<AeFormValues>(EMPTY);
  const [touched, setTouched] = useState<Set<keyof AeFormValues>>(new Set());
  const [server, setServer] = useState<{ error: unknown; fields: Partial<Record<keyof AeFormValues, string>> } | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<AdverseEventReport | null>(null);
  const key = useRef(idempotencyKey());
  const fieldLabel = useFieldLabels(Object.fromEntries(Object.values(FORM_FIELDS).map((f) => [f.path, t(f.label)])));

  const local = useMemo(() => {
    const input = toInput(values);
    // Stand-ins let the cross-field rules speak about what is filled while the rest is still empty.
    const day = (input.eventDate ?? input.dateKnown ?? '2000-01-01') as string;
    const standIns = { patient: { name: '-', birthDate: '1970-01-01' }, manifestation: '-', eventDate: day, dateKnown: (input.dateKnown ?? day) as string, outcome: 'other' };
    return byField(issuesAsTyped(adverseEventInputSchema, input, standIns, locale, fieldLabel));
  }, [values, locale, fieldLabel]);
  const serverFields = useMemo(() => (server ? byField(serverIssues(server.error, locale, fieldLabel)) : {}), [server, locale, fieldLabel]);
  const udi = useMemo(() => (values.udi.trim() ? parseUdi(values.udi.trim()) : null), [values.udi]);

  const set = (field: keyof AeFormValues) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setTouched((s) => new Set(s).add(field));
    if (server?.fields[field]) setServer((s) => (s ? { ...s, fields: { ...s.fields, [field]: undefined } } : s));
    key.current = idempotencyKey();
  };
  const errorOf = (field: keyof AeFormValues): string | undefined => (server?.fields[field] && serverFields[field]) || ((touched.has(field) || attempted) ? local[field] : undefined);

  const submit = async () => {
    setAttempted(true);
    setDone(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const report = await api<AdverseEventReport>('/api/adverse-events', { body: toInput(values), headers: { 'idempotency-key': key.current } });
      setServer(null);
      setDone(report);
      onSubmitted?.(report);
    } catch (e) {
      const fields = byField(serverIssues(e, locale, fieldLabel));
      setServer({ error: e, fields });
    } finally {
      setBusy(false);
    }
  };

  const item = (field: keyof AeFormValues, control: React.ReactNode, extra?: React.ReactNode) => {
    const error = errorOf(field);
    return (
      <Form.Item label={t(FORM_FIELDS[field].label)} htmlFor={`ae-${field}`} validateStatus={error ? 'error' : undefined} help={error ? <span data-testid={`error-${field}`} role="alert">{error}</span> : undefined} extra={extra}>
        {control}
      </Form.Item>
    );
  };
  const text = (field: keyof AeFormValues, props: { placeholder?: string; type?: string } = {}) => (
    <Input id={`ae-${field}`} data-testid={`field-${field}`} value={values[field]} onChange={(e) => set(field)(e.target.value)} {...props} />
  );
  // What no field shows (a path this form has no box for) is listed in the banner, not dropped.
  const banner = useMemo(() => (server ? bannerProblem(server.error, (p) => fieldAt(p) !== undefined, fieldLabel) : null), [server, fieldLabel]);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('ae.form.title')}</Typography.Title>
      {done && <Alert type="success" role="status" data-testid="ae-submitted" message={t('ae.form.submitted', { reportNo: done.reportNo, deadline: formatInstant(done.deadline) })} />}
      {attempted && Object.keys(local).length > 0 && <Alert type="warning" message={t('ae.form.fixErrors')} />}
      {banner !== null && <ErrorState error={banner} />}
      <Form layout="vertical" onFinish={() => void submit()} aria-label={t('ae.form.title')}>
        <Card size="small" title={t('ae.form.device')}>
          {item('udi', text('udi', { placeholder: t('scan.hint') }),
            udi?.ok ? <span data-testid="udi-parsed">{t('ae.form.parsed', { di: udi.value.di, lot: udi.value.pi.lot ?? '—', serial: udi.value.pi.serial ?? '—' })}</span> : undefined)}
        </Card>
        <Card size="small" title={t('ae.form.patient')} style={{ marginTop: 12 }}>
          <Row gutter={16}>
            <Col xs={24} md={6}>{item('patientName', text('patientName'))}</Col>
            <Col xs={24} md={8}>{item('idNumber', text('idNumber'))}</Col>
            <Col xs={24} md={5}>{item('birthDate', text('birthDate', { type: 'date' }))}</Col>
            <Col xs={24} md={5}>{item('sex', (
              <Select id="ae-sex" allowClear value={values.sex || undefined} onChange={(v: string | undefined) => set('sex')(v ?? '')} options={['male', 'female', 'unknown'].map((s) => ({ value: s, label: t(`ae.form.sexes.${s}`) }))} />
            ))}</Col>
          </Row>
        </Card>
        <Card size="small" title={t('ae.title')} style={{ marginTop: 12 }}>
          {item('manifestation', text('manifestation'))}
          <Row gutter={16}>
            <Col xs={24} md={5}>{item('eventDate', text('eventDate', { type: 'date' }))}</Col>
            <Col xs={24} md={5}>{item('dateKnown', text('dateKnown', { type: 'date' }))}</Col>
            <Col xs={24} md={9}>{item('outcome', (
              <Radio.Group id="ae-outcome" data-testid="field-outcome" optionType="button" value={values.outcome || undefined} onChange={(e) => set('outcome')(String(e.target.value))} options={['death', 'serious_injury', 'other'].map((o) => ({ value: o, label: t(`ae.outcomes.${o}`) }))} />
            ))}</Col>
            <Col xs={24} md={5}>{item('deathDate', text('deathDate', { type: 'date' }))}</Col>
          </Row>
          {item('imdrfCodes', text('imdrfCodes', { placeholder: 'A0601, E0101' }))}
          {item('narrative', <Input.TextArea id="ae-narrative" rows={3} value={values.narrative} onChange={(e) => set('narrative')(e.target.value)} />)}
        </Card>
        <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 12 }} data-testid="ae-submit">{t('ae.form.submit')}</Button>
      </Form>
    </Space>
  );
}
