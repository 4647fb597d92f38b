import { submissionObject, submissionSchemas } from '@lianjian/core/records/submissions';
import type { Locale } from '@lianjian/core/locales/index';
import { Alert, Button, Card, Form, Input, Select, Space, Switch, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotencyKey } from '../api/client.ts';
import { bannerProblem } from './admin/server-fields.ts';
import { messageFor, schemaIssues, serverIssues, useFieldLabels, type FieldLabel } from './form-issues.ts';
import { issueText } from './problem-text.ts';
import { OrganizationPicker } from './organization-picker.tsx';
import { ErrorState } from './page-states.tsx';
import { ReadingsInput, type ReadingRow } from './readings-input.tsx';

export type PortalSubmissionKind = 'commission' | 'pack' | 'unpack' | 'ship' | 'receive' | 'store' | 'use' | 'return' | 'destroy';

/** A field's value as typed: text, a switch, or the rows of readings. */
export type SubmissionValue = string | boolean | ReadingRow[];

/**
 * `label`: one scanned label (a container's SSCC); `organization`: picked from the directory by name
 * (the value is its platform id); `location`: a site's GLN / SGLN, or its short id on the platform;
 * `document`: a number sent as the business document the event cites, of type `document`
 * (a delivery note is the despatch advice `desadv`, a return authorisation `rma`); `readings`: rows of (time, °C).
 */
interface FieldDef {
  name: string; label: string;
  type: 'text' | 'label' | 'lines' | 'int' | 'select' | 'bool' | 'date' | 'datetime' | 'organization' | 'location' | 'document' | 'readings';
  options?: string[]; document?: 'desadv' | 'rma';
}

const goods: FieldDef[] = [
  { name: 'items', label: 'submission.items', type: 'lines' }, { name: 'lot', label: 'submission.lot', type: 'text' }, { name: 'quantity', label: 'submission.quantity', type: 'int' },
];

const location: FieldDef = { name: 'location', label: 'submission.location', type: 'location' };
const time: FieldDef = { name: 'time', label: 'submission.time', type: 'datetime' };

const FIELDS: Record<PortalSubmissionKind, FieldDef[]> = {
  commission: [
    ...goods, { name: 'productionDate', label: 'submission.productionDate', type: 'date' }, { name: 'expiryDate', label: 'submission.expiryDate', type: 'date' },
    { name: 'time', label: 'submission.time', type: 'datetime' },
  ],
  pack: [
    { name: 'parent', label: 'submission.packParent', type: 'label' }, { name: 'items', label: 'submission.packItems', type: 'lines' }, location, time,
  ],
  unpack: [
    { name: 'parent', label: 'submission.unpackParent', type: 'label' }, { name: 'items', label: 'submission.unpackItems', type: 'lines' }, location, time,
  ],
  ship: [
    ...goods, { name: 'toOrganizationId', label: 'submission.toOrganizationId', type: 'organization' }, { name: 'toGln', label: 'submission.toGln', type: 'text' },
    { name: 'documents', label: 'submission.deliveryNote', type: 'document' }, { name: 'time', label: 'submission.time', type: 'datetime' },
  ],
  receive: [
    ...goods, { name: 'fromOrganizationId', label: 'submission.fromOrganizationId', type: 'organization' }, { name: 'fromGln', label: 'submission.fromGln', type: 'text' },
    { name: 'documents', label: 'submission.deliveryNote', type: 'document' },
    { name: 'receivedQuantity', label: 'submission.receivedQuantity', type: 'int' }, { name: 'condition', label: 'submission.condition', type: 'select', options: ['good', 'damaged', 'temperature_excursion'] },
    { name: 'accepted', label: 'submission.accepted', type: 'bool' }, { name: 'reason', label: 'submission.reason', type: 'text' }, { name: 'time', label: 'submission.time', type: 'datetime' },
  ],
  store: [...goods, location, { name: 'readings', label: 'submission.readings', type: 'readings' }, time],
  use: [
    { name: 'items', label: 'submission.items', type: 'lines' }, { name: 'department', label: 'submission.department', type: 'text' }, { name: 'procedure', label: 'submission.procedure', type: 'text' },
    { name: 'patientKey', label: 'submission.patientKey', type: 'text' }, { name: 'time', label: 'submission.time', type: 'datetime' },
  ],
  return: [
    ...goods, { name: 'toOrganizationId', label: 'submission.returnTo', type: 'organization' }, { name: 'toGln', label: 'submission.returnToGln', type: 'text' },
    { name: 'reason', label: 'submission.returnReason', type: 'text' }, { name: 'documents', label: 'submission.rma', type: 'document', document: 'rma' }, time,
  ],
  destroy: [...goods, { name: 'reason', label: 'submission.destroyReason', type: 'text' }, time],
};

/** A datetime-local's text (minutes, or seconds) read as Asia/Shanghai time. */
const shanghai = (v: string) => `${v.length === 16 ? `${v}:00` : v}+08:00`;

/** Degrees as typed (a leading typographic minus allowed): a number, else the text, for the schema to name as not a number. */
function celsius(v: string): number | string {
  const c = v.trim().replace(/^[−－]/, '-');
  return /^[+-]?\d+(\.\d+)?$/.test(c) ? Number(c) : c;
}

/**
 * What is wrong with the form as typed, by path. zod runs a schema's cross-field checks (reading each
 * label) only once every field has its shape, so with a required field still empty a wrong label
 * would be said only on the next attempt: the labels are read here as well, with the reader the
 * schema uses, and their problems added where the schema said nothing of them.
 */
function localIssues(kind: PortalSubmissionKind, values: Record<string, SubmissionValue>, locale: Locale, fieldLabel: FieldLabel): Record<string, string> {
  const input = submissionInput(kind, values);
  const found = schemaIssues(submissionSchemas[kind], input, locale, fieldLabel);
  for (const f of FIELDS[kind]) {
    const labels = f.type === 'lines' ? (input[f.name] as string[] | undefined) ?? [] : f.type === 'label' && typeof input[f.name] === 'string' ? [input[f.name] as string] : [];
    labels.forEach((label, i) => {
      const read = submissionObject(label);
      const path = f.type === 'lines' ? `${f.name}.${i}` : f.name;
      if (!read.ok && found[path] === undefined) found[path] = issueText({ code: read.code, path, params: read.params }, locale, fieldLabel);
    });
  }
  return found;
}

/**
 * Form text → the API's input (empty fields left out; lines → labels; datetime-local read as Asia/Shanghai;
 * readings rows → `{ time, celsius }`, every row kept so the schema's row numbers are the rows shown).
 */
export function submissionInput(kind: PortalSubmissionKind, values: Record<string, SubmissionValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS[kind]) {
    const v = values[f.name];
    if (v === undefined || v === '') continue;
    if (f.type === 'readings') {
      const rows = Array.isArray(v) ? v : [];
      if (rows.length) out[f.name] = rows.map((r) => ({ ...(r.time.trim() && { time: shanghai(r.time.trim()) }), ...(r.celsius.trim() && { celsius: celsius(r.celsius) }) }));
    } else if (Array.isArray(v)) continue;
    else if (f.type === 'bool') out[f.name] = Boolean(v);
    else if (f.type === 'lines') {
      const lines = String(v).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
      if (lines.length) out[f.name] = lines;
    } else if (f.type === 'int' || f.type === 'organization') out[f.name] = /^\d+$/.test(String(v).trim()) ? Number(String(v).trim()) : String(v);
    // A GLN has 13 digits; fewer digits are a location's id on the platform (the schema takes both).
    else if (f.type === 'location') out[f.name] = /^\d{1,12}$/.test(String(v).trim()) ? Number(String(v).trim()) : String(v).trim();
    else if (f.type === 'datetime') out[f.name] = shanghai(String(v));
    else if (f.type === 'document') {
      if (String(v).trim()) out[f.name] = [{ type: f.document ?? 'desadv', id: String(v).trim() }];
    } else out[f.name] = String(v).trim();
  }
  return out;
}

/**
 * The labels the form shows by API path, for the issues' words. A delivery note is one box that
 * becomes a one-element list (`documents.0.id`): its issues go by the box's label, not as item 1.
 * Readings are a table: a cell's issue goes by its column and row (`readings.*.time`).
 */
export function submissionLabels(kind: PortalSubmissionKind, t: (key: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of FIELDS[kind]) {
    out[f.name] = t(f.label);
    if (f.type === 'document') for (const p of ['0', '0.id', '0.type']) out[`${f.name}.${p}`] = t(f.label);
    if (f.type === 'readings') Object.assign(out, { [`${f.name}.*.time`]: t('submission.readingTime'), [`${f.name}.*.celsius`]: t('submission.celsius') });
  }
  return out;
}

/**
 * Whether the form shows a server problem at this path by a field: a plain field and what is under it,
 * the readings list itself, and a reading's time or °C in a row it had when sent (`readings.0.time`).
 */
function submissionShows(kind: PortalSubmissionKind, rowsSent: number): (path: string) => boolean {
  return (path) => FIELDS[kind].some((f) => {
    if (f.type !== 'readings') return path === f.name || path.startsWith(`${f.name}.`);
    // ReadingsInput shows these two cells of each row (its errorAt); a whole row's problem has no place there.
    const cell = /^readings\.(\d+)\.(time|celsius)(\.|$)/.exec(path);
    return path === f.name || (cell !== null && Number(cell[1]) < rowsSent);
  });
}

interface Answer { eventId: number; duplicate: boolean; violations: { rule: string; message: string; hint?: string }[] }

/** The nine plain submissions for organisations without an EPCIS system: checked as typed with core's schemas, server problems by field. */
export function SubmissionForm({ kind }: { kind: PortalSubmissionKind }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const [values, setValues] = useState<Record<string, SubmissionValue>>(kind === 'receive' ? { accepted: true, condition: 'good' } : {});
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [server, setServer] = useState<unknown>(null);
  // The readings rows the refused input had: a problem at a row beyond them fits no cell.
  const [rowsSent, setRowsSent] = useState(0);
  const [edited, setEdited] = useState<Set<string>>(new Set());
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(idempotencyKey());
  const fieldLabel = useFieldLabels(submissionLabels(kind, t));
  const local = useMemo(() => localIssues(kind, values, locale, fieldLabel), [kind, values, locale, fieldLabel]);
  const fromServer = useMemo(() => serverIssues(server, locale, fieldLabel), [server, locale, fieldLabel]);
  const banner = useMemo(() => bannerProblem(server, submissionShows(kind, rowsSent), fieldLabel), [server, kind, rowsSent, fieldLabel]);

  const set = (name: string, value: SubmissionValue) => {
    setValues((v) => ({ ...v, [name]: value }));
    setTouched((s) => new Set(s).add(name));
    setEdited((s) => new Set(s).add(name));
    key.current = idempotencyKey();
  };
  // `path` may be inside a field (`readings.0.time`): touched and edited go by the field.
  const errorOf = (path: string) => {
    const name = path.split('.')[0] ?? path;
    return (!edited.has(name) ? messageFor(fromServer, path) : undefined) ?? (touched.has(name) || attempted ? messageFor(local, path) : undefined);
  };

  const submit = async () => {
    setAttempted(true);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      setAnswer(await api<Answer>(`/api/submissions/${kind}`, { body: submissionInput(kind, values), headers: { 'idempotency-key': key.current } }));
      setServer(null);
    } catch (e) {
      setServer(e);
      setRowsSent(Array.isArray(values.readings) ? values.readings.length : 0);
      setEdited(new Set());
      setAnswer(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`submission-${kind}`}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t(`submission.${kind}Title`)}</Typography.Title>
      {answer && (
        <Alert type={answer.violations.length ? 'warning' : 'success'} role="status" data-testid="submission-result"
          message={t(answer.duplicate ? 'submission.duplicate' : 'submission.stored', { eventId: answer.eventId })}
          description={answer.violations.length ? <>{t('submission.violations')}<ul>{answer.violations.map((v) => <li key={v.rule}>{v.message} {v.hint}</li>)}</ul></> : undefined} />
      )}
      {banner !== null && <ErrorState error={banner} />}
      <Card size="small">
        <Form layout="vertical" onFinish={() => void submit()} aria-label={t(`submission.${kind}Title`)}>
          {FIELDS[kind].map((f) => {
            const v = values[f.name];
            if (f.type === 'readings') {
              // Cells carry their own issues; the list's own (too many rows) stays with the list.
              const own = (!edited.has(f.name) ? fromServer[f.name] : undefined) ?? (touched.has(f.name) || attempted ? local[f.name] : undefined);
              return (
                <Form.Item key={f.name} label={t(f.label)} validateStatus={own ? 'error' : undefined} help={own ? <span role="alert" data-testid={`error-${f.name}`}>{own}</span> : undefined}>
                  <ReadingsInput rows={Array.isArray(v) ? v : []} onChange={(rows) => set(f.name, rows)} errorAt={errorOf} />
                </Form.Item>
              );
            }
            const error = errorOf(f.name);
            const id = `sub-${f.name}`;
            const testId = `field-${f.name}`;
            const control =
              f.type === 'lines' ? <Input.TextArea id={id} data-testid={testId} rows={4} value={String(v ?? '')} onChange={(e) => set(f.name, e.target.value)} />
              : f.type === 'select' ? <Select id={id} data-testid={testId} value={String(v ?? '')} onChange={(x: string) => set(f.name, x)} options={(f.options ?? []).map((o) => ({ value: o, label: t(`submission.conditions.${o}`) }))} />
              : f.type === 'bool' ? <Switch id={id} data-testid={testId} checked={Boolean(v)} onChange={(x) => set(f.name, x)} />
              : f.type === 'organization' ? <OrganizationPicker id={id} data-testid={testId} aria-label={t(f.label)} value={String(v ?? '')} onChange={(x) => set(f.name, x)} />
              : <Input id={id} data-testid={testId} type={f.type === 'datetime' ? 'datetime-local' : f.type === 'date' ? 'date' : 'text'} inputMode={f.type === 'int' ? 'numeric' : undefined} value={String(v ?? '')} onChange={(e) => set(f.name, e.target.value)} />;
            // Each scanned label read as typed, with the same reader the server uses.
            const read = f.type === 'lines' || f.type === 'label' ? String(v ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((l) => submissionObject(l)) : [];
            return (
              <Form.Item key={f.name} label={t(f.label)} htmlFor={id} validateStatus={error ? 'error' : undefined} help={error ? <span role="alert" data-testid={`error-${f.name}`}>{error}</span> : undefined}
                extra={read.length > 0 ? <span data-testid={`read-${f.name}`}>{read.map((o, i) => (o.ok ? `${i + 1}. ${o.value.di}${o.value.lot ? ` / ${o.value.lot}` : ''}${o.value.serial ? ` / ${o.value.serial}` : ''}` : `${i + 1}. ✗`)).join('  ')}</span> : undefined}>
                {control}
              </Form.Item>
            );
          })}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="submission-submit">{t('submission.submit')}</Button>
        </Form>
      </Card>
    </Space>
  );
}
