import type { Locale } from '@lianjian/core/locales/index';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Table, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api, idempotencyKey } from '../../api/client.ts';
import { bannerProblem } from '../admin/server-fields.ts';
import { messageFor, schemaIssues, serverIssues, useFieldLabels, type FieldLabel } from '../form-issues.ts';
import { OrganizationPicker, type DirectoryType } from '../organization-picker.tsx';
import { ErrorState } from '../page-states.tsx';

/** `organization`: picked from the directory by name, credit code or GLN; the value is the organisation's id. */
export type InputKind = 'text' | 'date' | 'datetime' | 'number' | 'select' | 'textarea' | 'organization';

/** One form field; its name is the API path it fills (`material.name`), so issues find it by path. */
export interface ComposedField {
  name: string;
  label: string;
  kind?: InputKind;
  options?: { value: string; label: string }[];
  placeholder?: string;
  /** Grid width out of 24 on a wide screen. */
  span?: number;
  /** For `organization`: offer only organisations of this type. */
  orgType?: DirectoryType;
}

/** An editable table whose rows become an array at the API path `name` (`incomingInspection.items`). */
export interface ComposedTable {
  name: string;
  label: string;
  /** `also`: other members of the row whose issues this cell shows (a receipt picked fills code and lot). */
  columns: (ComposedField & { width?: number; also?: string[] })[];
  /** An extra read-only column computed from the row (e.g. pass / fail by the core function). */
  verdict?: { title: string; render: (row: Record<string, string>, index: number, state: FormState) => React.ReactNode };
  /** Rows the table starts with and keeps at least (1 unless the list is optional). */
  minRows?: number;
}

export interface FormState {
  values: Record<string, string>;
  rows: Record<string, Record<string, string>[]>;
}

export interface ComposedFormProps<R> {
  title: string;
  /** The core zod schema the server validates the same input with. */
  schema: z.ZodType;
  endpoint: string;
  /** PUT for statements that replace the current one (device-management facts). */
  method?: 'POST' | 'PUT';
  fields: ComposedField[];
  tables?: ComposedTable[];
  /** Form text → the API's input (empty values left out, so the schema's own "required" rules speak). */
  toInput: (state: FormState) => Record<string, unknown>;
  /** The input with harmless stand-ins for what is still empty, so cross-field rules speak about what is filled. */
  standIns: (input: Record<string, unknown>) => Record<string, unknown>;
  initial?: Partial<FormState>;
  testId: string;
  done: (record: R) => React.ReactNode;
  /** Shown above the form (e.g. the report being investigated). */
  header?: React.ReactNode;
  /** Data toInput reads besides the form (the batch form's receipts): the checks run again when it changes. */
  inputDeps?: unknown[];
  /** Called once the server accepted the record (e.g. to refresh a list). */
  onSaved?: (record: R) => void;
}

function valueAt(input: unknown, path: string): unknown {
  let v: unknown = input;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/**
 * Issues by API path as the user types: the schema on the input as is, then on the input with
 * stand-ins for what is empty, keeping the second run's issues only where the user did type
 * something (a zod object runs its cross-field rules only once every field has its shape).
 */
export function issuesWhileTyping(schema: z.ZodType, input: Record<string, unknown>, filled: Record<string, unknown>, locale: Locale, fieldLabel?: FieldLabel): Record<string, string> {
  const first = schemaIssues(schema, input, locale, fieldLabel);
  const second = schemaIssues(schema, filled, locale, fieldLabel);
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(second)) if (valueAt(input, path) !== undefined) out[path] = message;
  return { ...out, ...first };
}

const blankRow = (t: ComposedTable) => Object.fromEntries(t.columns.map((c) => [c.name, '']));

/**
 * The labels the form shows by API path, for the issues' words: fields, tables, and each column
 * as `table.*.column`; a row member a column shows the issues of (`also`) goes by that column's label.
 */
export function composedLabels(fields: ComposedField[], tables: ComposedTable[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) out[f.name] = f.label;
  for (const tb of tables) {
    out[tb.name] = tb.label;
    for (const c of tb.columns) out[`${tb.name}.*.${c.name}`] = c.label;
    for (const c of tb.columns) for (const a of c.also ?? []) out[`${tb.name}.*.${a}`] ??= c.label;
  }
  return out;
}

/** Whether the path is `base` or lies under it (`items.0.name` under `items.0`). */
const within = (path: string, base: string) => path === base || path.startsWith(`${base}.`);

/**
 * Whether the form shows a server problem at this path: under a field; at a table itself; at one of
 * the rows it had when sent (`rows`, by table), as a whole or in a column's cell (or a member the
 * column also shows). The rest (a path with no box, a row beyond the table) goes to the banner.
 */
function composedShows(fields: ComposedField[], tables: ComposedTable[], rows: Record<string, number>): (path: string) => boolean {
  return (path) => fields.some((f) => within(path, f.name)) || tables.some((tb) => {
    if (path === tb.name) return true;
    if (!path.startsWith(`${tb.name}.`)) return false;
    const [index = '', ...rest] = path.slice(tb.name.length + 1).split('.');
    if (!/^\d+$/.test(index) || Number(index) >= (rows[tb.name] ?? 0)) return false;
    const member = rest.join('.');
    return member === '' || tb.columns.some((c) => [c.name, ...(c.also ?? [])].some((m) => within(member, m)));
  });
}

/**
 * A portal form with nested parts (the production and distribution records): plain fields and
 * editable tables, every value checked as it is typed with the core schema, the server's rejection
 * shown next to the field or cell at its path until that value is edited, one idempotency key per attempt.
 */
export function ComposedForm<R>({ title, schema, endpoint, fields, tables = [], toInput, standIns, initial, testId, done, header, onSaved, method = 'POST', inputDeps = [] }: ComposedFormProps<R>) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const empty = useMemo<FormState>(() => ({
    values: { ...Object.fromEntries(fields.map((f) => [f.name, ''])), ...initial?.values },
    rows: { ...Object.fromEntries(tables.map((tb) => [tb.name, Array.from({ length: tb.minRows ?? 1 }, () => blankRow(tb))])), ...initial?.rows },
  }), [fields, tables, initial]);
  const [state, setState] = useState<FormState>(empty);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  // `rows`: each table's row count when sent, which the server's row numbers refer to.
  const [server, setServer] = useState<{ error: unknown; edited: Set<string>; rows: Record<string, number> } | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const key = useRef(idempotencyKey());
  const fieldLabel = useFieldLabels(composedLabels(fields, tables));

  const local = useMemo(() => {
    const input = toInput(state);
    return issuesWhileTyping(schema, input, standIns(input), locale, fieldLabel);
    // toInput and standIns are fixed per form, apart from data they read that loads later (inputDeps).
  }, [state, locale, schema, fieldLabel, ...inputDeps]);
  const fromServer = useMemo(() => (server ? serverIssues(server.error, locale, fieldLabel) : {}), [server, locale, fieldLabel]);

  const edited = (...keys: string[]) => {
    setTouched((s) => new Set([...s, ...keys]));
    if (server) setServer((s) => (s ? { ...s, edited: new Set([...s.edited, ...keys]) } : s));
    key.current = idempotencyKey();
  };
  const setValue = (name: string, value: string) => {
    setState((s) => ({ ...s, values: { ...s.values, [name]: value } }));
    edited(name);
  };
  const setCell = (table: string, i: number, col: string, value: string) => {
    setState((s) => ({ ...s, rows: { ...s.rows, [table]: (s.rows[table] ?? []).map((r, j) => (j === i ? { ...r, [col]: value } : r)) } }));
    // Editing a cell also answers what was said about its row and its table.
    const also = tables.find((tb) => tb.name === table)?.columns.find((c) => c.name === col)?.also ?? [];
    edited(`${table}.${i}.${col}`, `${table}.${i}`, table, ...also.map((a) => `${table}.${i}.${a}`));
  };
  const addRow = (tb: ComposedTable) => setState((s) => ({ ...s, rows: { ...s.rows, [tb.name]: [...(s.rows[tb.name] ?? []), blankRow(tb)] } }));
  const removeRow = (tb: ComposedTable, i: number) => {
    setState((s) => ({ ...s, rows: { ...s.rows, [tb.name]: (s.rows[tb.name] ?? []).filter((_, j) => j !== i) } }));
    // Row indexes shift: the server's words about this table no longer point at the right rows.
    if (server) setServer((s) => (s ? { ...s, edited: new Set([...s.edited, ...Object.keys(fromServer).filter((p) => p.startsWith(`${tb.name}.`))]) } : s));
    key.current = idempotencyKey();
  };

  const errorOf = (k: string, exact = false) => {
    const fromS = server && !server.edited.has(k) ? (exact ? fromServer[k] : messageFor(fromServer, k)) : undefined;
    if (fromS) return fromS;
    return touched.has(k) || attempted ? (exact ? local[k] : messageFor(local, k)) : undefined;
  };
  // What no field, row or cell shows is listed in the banner, not dropped.
  const banner = useMemo(() => (server ? bannerProblem(server.error, composedShows(fields, tables, server.rows), fieldLabel) : null), [server, fields, tables, fieldLabel]);

  const submit = async () => {
    setAttempted(true);
    setResult(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const r = await api<R>(endpoint, { method, body: toInput(state), headers: { 'idempotency-key': key.current } });
      setServer(null);
      setResult(r);
      onSaved?.(r);
      setState(empty);
      setTouched(new Set());
      setAttempted(false);
      key.current = idempotencyKey();
    } catch (e) {
      setServer({ error: e, edited: new Set(), rows: Object.fromEntries(tables.map((tb) => [tb.name, (state.rows[tb.name] ?? []).length])) });
    } finally {
      setBusy(false);
    }
  };

  const control = (f: ComposedField, id: string, value: string, onChange: (v: string) => void, testid: string) => {
    const common = { id, 'data-testid': testid, 'aria-label': f.label };
    switch (f.kind) {
      case 'select':
        return <Select {...common} allowClear style={{ width: '100%' }} value={value || undefined} onChange={(v: string | undefined) => onChange(v ?? '')} options={f.options ?? []} />;
      case 'organization':
        return <OrganizationPicker {...common} value={value} onChange={onChange} {...(f.orgType && { type: f.orgType })} {...(f.placeholder && { placeholder: f.placeholder })} />;
      case 'textarea':
        return <Input.TextArea {...common} rows={2} value={value} onChange={(e) => onChange(e.target.value)} placeholder={f.placeholder} />;
      default: {
        const type = f.kind === 'date' ? 'date' : f.kind === 'datetime' ? 'datetime-local' : f.kind === 'number' ? 'number' : 'text';
        // step="any": the browser's own check would otherwise refuse decimals (93.1) and block the submit without a word.
        return <Input {...common} type={type} {...(type === 'number' && { step: 'any' })} value={value} onChange={(e) => onChange(e.target.value)} placeholder={f.placeholder} />;
      }
    }
  };
  const help = (error: string | undefined, testid: string) => (error ? <span data-testid={testid} role="alert">{error}</span> : undefined);

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={testId}>
      <Typography.Title level={3} style={{ margin: 0 }}>{title}</Typography.Title>
      {header}
      {result !== null && <div data-testid={`${testId}-done`}>{done(result)}</div>}
      {attempted && Object.keys(local).length > 0 && <Alert type="warning" message={t('ae.form.fixErrors')} />}
      {banner !== null && <ErrorState error={banner} />}
      <Card size="small">
        <Form layout="vertical" onFinish={() => void submit()} aria-label={title}>
          <Row gutter={16}>
            {fields.map((f) => {
              const error = errorOf(f.name);
              return (
                <Col key={f.name} xs={24} md={f.span ?? 12}>
                  <Form.Item label={f.label} htmlFor={`${testId}-${f.name}`} validateStatus={error ? 'error' : undefined} help={help(error, `error-${f.name}`)}>
                    {control(f, `${testId}-${f.name}`, state.values[f.name] ?? '', (v) => setValue(f.name, v), `field-${f.name}`)}
                  </Form.Item>
                </Col>
              );
            })}
          </Row>
          {tables.map((tb) => {
            const rows = state.rows[tb.name] ?? [];
            // Rules about the whole list (at least one line) or a whole row (a repeated line) speak under the table.
            const tableError = errorOf(tb.name, true) ?? rows.map((_, i) => errorOf(`${tb.name}.${i}`, true)).find(Boolean);
            return (
              <Form.Item key={tb.name} label={tb.label} validateStatus={tableError ? 'error' : undefined} help={help(tableError, `error-${tb.name}`)}>
                <Table<{ _i: number; cells: Record<string, string> }>
                  size="small" pagination={false} rowKey="_i" scroll={{ x: true }} data-testid={`table-${tb.name}`}
                  dataSource={rows.map((cells, i) => ({ cells, _i: i }))}
                  columns={[
                    ...tb.columns.map((c) => ({
                      key: c.name, title: c.label, ...(c.width && { width: c.width }),
                      render: (_: unknown, row: { _i: number; cells: Record<string, string> }) => {
                        const k = `${tb.name}.${row._i}.${c.name}`;
                        const error = errorOf(k) ?? (c.also ?? []).map((a) => errorOf(`${tb.name}.${row._i}.${a}`)).find(Boolean);
                        return (
                          <Form.Item style={{ margin: 0 }} validateStatus={error ? 'error' : undefined} help={help(error, `error-${k}`)}>
                            {control(c, `${testId}-${k}`, row.cells[c.name] ?? '', (v) => setCell(tb.name, row._i, c.name, v), `cell-${k}`)}
                          </Form.Item>
                        );
                      },
                    })),
                    ...(tb.verdict ? [{ key: '_verdict', title: tb.verdict.title, render: (_: unknown, row: { _i: number; cells: Record<string, string> }) => tb.verdict?.render(row.cells, row._i, state) }] : []),
                    {
                      key: '_remove', width: 64,
                      render: (_: unknown, row: { _i: number; cells: Record<string, string> }) => (
                        <Button size="small" type="link" danger disabled={rows.length <= (tb.minRows ?? 1)} onClick={() => removeRow(tb, row._i)} data-testid={`remove-${tb.name}-${row._i}`}>{t('pf.removeRow')}</Button>
                      ),
                    },
                  ]}
                />
                <Button size="small" style={{ marginTop: 8 }} onClick={() => addRow(tb)} data-testid={`add-${tb.name}`}>{t('pf.addRow')}</Button>
              </Form.Item>
            );
          })}
          <Button type="primary" htmlType="submit" loading={busy} data-testid={`${testId}-submit`}>{t('common.submit')}</Button>
        </Form>
      </Card>
    </Space>
  );
}

/** Helpers that turn form text into API values: trimmed text or left out, numbers, lists, local date-times. */
export const text = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());
/** A number, or the text itself when it is not one (so the schema says "expected a number" next to the field). */
export const num = (s: string | undefined): number | string | undefined => {
  const v = text(s);
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
};
export const list = (s: string | undefined) => (s ?? '').split(/[,，;；\s]+/).map((p) => p.trim()).filter(Boolean);
/** `datetime-local` text read as Asia/Shanghai time, RFC 3339 with its offset. */
export const shanghai = (s: string | undefined) => {
  const v = text(s);
  return v === undefined ? undefined : `${v.length === 16 ? `${v}:00` : v}+08:00`;
};
/** Drops undefined members (JSON would anyway) so inputs compare and parse like what is sent. */
export const clean = <T,>(o: T): T => JSON.parse(JSON.stringify(o)) as T;
/** Blank rows at the end are left out (an untouched new row is not an error); earlier ones stay so row numbers match the API's paths. */
export const filledRows = (rows: Record<string, string>[] | undefined) => {
  const out = [...(rows ?? [])];
  while (out.length && Object.values(out[out.length - 1] ?? {}).every((v) => v.trim() === '')) out.pop();
  return out;
};
