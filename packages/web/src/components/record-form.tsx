import type { Locale } from '@lianjian/core/locales/index';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api, idempotencyKey } from '../api/client.ts';
import { issuesAsTyped, messageFor, serverIssues } from './form-issues.ts';
import { ErrorState } from './page-states.tsx';

export interface FieldDef {
  name: string;
  label: string;
  kind?: 'text' | 'date' | 'number' | 'select' | 'textarea';
  options?: { value: string; label: string }[];
  placeholder?: string;
  /** Grid width out of 24 on a wide screen. */
  span?: number;
}

export interface RecordFormProps<R> {
  title: string;
  /** The core zod schema the server validates the same input with. */
  schema: z.ZodType;
  endpoint: string;
  fields: FieldDef[];
  /** Form text → the API's input (empty fields left out, so the schema's own "required" rules speak). */
  toInput: (values: Record<string, string>) => Record<string, unknown>;
  /** Harmless values for empty fields so that cross-field rules speak about what is filled (see issuesAsTyped). */
  standIns: (input: Record<string, unknown>) => Record<string, unknown>;
  /** Which form field shows a problem at an API path, when the names differ. */
  fieldOf?: Record<string, string>;
  testId: string;
  done: (record: R) => React.ReactNode;
}

/**
 * A use-records form with the adverse-event form's validation pattern: every field checked as it
 * is typed with the core schema, server-only rules (a registered DI, a known patient key) shown next
 * to their field from the problem's field issues until the field is edited, one idempotency key per
 * attempt.
 */
export function RecordForm<R>({ title, schema, endpoint, fields, toInput, standIns, fieldOf = {}, testId, done }: RecordFormProps<R>) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const empty = useMemo(() => Object.fromEntries(fields.map((f) => [f.name, ''])), [fields]);
  const [values, setValues] = useState<Record<string, string>>(empty);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [server, setServer] = useState<{ error: unknown; fields: Record<string, string | undefined> } | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const key = useRef(idempotencyKey());

  const byField = (issues: Record<string, string>): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const path of Object.keys(issues)) {
      const base = path.replace(/\.\d+$/, '');
      const field = fieldOf[path] ?? fieldOf[base] ?? (fields.some((f) => f.name === base) ? base : undefined);
      if (field && !out[field]) out[field] = messageFor(issues, path) ?? '';
    }
    return out;
  };
  const local = useMemo(() => {
    const input = toInput(values);
    return byField(issuesAsTyped(schema, input, standIns(input), locale));
    // byField depends only on the fields, which are fixed per form
  }, [values, locale, schema]);
  const serverFields = useMemo(() => (server ? byField(serverIssues(server.error, locale)) : {}), [server, locale]);

  const set = (name: string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setTouched((s) => new Set(s).add(name));
    if (server?.fields[name]) setServer((s) => (s ? { ...s, fields: { ...s.fields, [name]: undefined } } : s));
    key.current = idempotencyKey();
  };
  const errorOf = (name: string) => (server?.fields[name] && serverFields[name]) || ((touched.has(name) || attempted) ? local[name] : undefined);

  const submit = async () => {
    setAttempted(true);
    setResult(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const r = await api<R>(endpoint, { body: toInput(values), headers: { 'idempotency-key': key.current } });
      setServer(null);
      setResult(r);
      setValues(empty);
      setTouched(new Set());
      setAttempted(false);
      key.current = idempotencyKey();
    } catch (e) {
      setServer({ error: e, fields: byField(serverIssues(e, locale)) });
    } finally {
      setBusy(false);
    }
  };

  const control = (f: FieldDef) => {
    const common = { id: `${testId}-${f.name}`, 'data-testid': `field-${f.name}` };
    switch (f.kind) {
      case 'select':
        return <Select {...common} allowClear value={values[f.name] || undefined} onChange={(v: string | undefined) => set(f.name, v ?? '')} options={f.options ?? []} />;
      case 'textarea':
        return <Input.TextArea {...common} rows={2} value={values[f.name]} onChange={(e) => set(f.name, e.target.value)} placeholder={f.placeholder} />;
      default:
        return <Input {...common} type={f.kind === 'date' ? 'date' : f.kind === 'number' ? 'number' : 'text'} step={f.kind === 'number' ? 'any' : undefined} value={values[f.name]} onChange={(e) => set(f.name, e.target.value)} placeholder={f.placeholder} />;
    }
  };
  const otherProblem = server && Object.keys(serverFields).length === 0;

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={testId}>
      <Typography.Title level={3} style={{ margin: 0 }}>{title}</Typography.Title>
      {result !== null && <div data-testid={`${testId}-done`}>{done(result)}</div>}
      {attempted && Object.keys(local).length > 0 && <Alert type="warning" message={t('ae.form.fixErrors')} />}
      {otherProblem && <ErrorState error={server.error} />}
      <Card size="small">
        <Form layout="vertical" onFinish={() => void submit()} aria-label={title}>
          <Row gutter={16}>
            {fields.map((f) => {
              const error = errorOf(f.name);
              return (
                <Col key={f.name} xs={24} md={f.span ?? 12}>
                  <Form.Item label={f.label} htmlFor={`${testId}-${f.name}`} validateStatus={error ? 'error' : undefined} help={error ? <span data-testid={`error-${f.name}`} role="alert">{error}</span> : undefined}>
                    {control(f)}
                  </Form.Item>
                </Col>
              );
            })}
          </Row>
          <Button type="primary" htmlType="submit" loading={busy} data-testid={`${testId}-submit`}>{t('common.submit')}</Button>
        </Form>
      </Card>
    </Space>
  );
}
