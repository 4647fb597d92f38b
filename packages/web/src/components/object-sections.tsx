import { Card, Descriptions, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../format/time.ts';
import { EmptyState } from './page-states.tsx';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const MAX_DEPTH = 3;

function isRecord(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function scalar(v: Json | undefined): React.ReactNode {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'string' && INSTANT.test(v)) return formatInstant(v);
  if (Array.isArray(v) && v.every((x) => !isRecord(x) && !Array.isArray(x))) return v.map((x) => scalar(x)).join(', ');
  if (typeof v === 'object') return <code style={{ fontSize: 12 }}>{JSON.stringify(v).slice(0, 160)}</code>;
  return String(v);
}

/** A row that records a failure (a failed test item, an out-of-limit reading) is marked red. */
function failed(row: JsonObject): boolean {
  return row.passed === false || row.pass === false || row.ok === false || row.withinLimits === false || ['fail', 'failed', 'rejected', 'nonconforming'].includes(String(row.result ?? row.outcome ?? row.decision ?? '').toLowerCase());
}

/**
 * A dossier shown section by section, whatever sections the server sends (they grow with each
 * issue): lists become tables, objects description lists with their own lists and objects nested
 * below, failures marked red. Titles use `dossier.sections.<name>` when the catalogue has it, else
 * the API's own (English) field name.
 */
export function ObjectSections({ data, depth = 0 }: { data: JsonObject; depth?: number }) {
  const { t } = useTranslation();
  const title = (k: string) => t(`dossier.sections.${k}`, { defaultValue: k });
  const entries = Object.entries(data);
  const nested = (v: Json) => depth < MAX_DEPTH && (isRecord(v) || (Array.isArray(v) && v.some((x) => isRecord(x))));
  const scalars = entries.filter(([, v]) => !nested(v));
  const blocks = entries.filter(([, v]) => nested(v));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {scalars.length > 0 && (
        <Descriptions size="small" column={{ xs: 1, md: depth === 0 ? 3 : 2 }} bordered={depth > 0}>
          {scalars.map(([k, v]) => <Descriptions.Item key={k} label={title(k)}>{scalar(v)}</Descriptions.Item>)}
        </Descriptions>
      )}
      {blocks.map(([k, v]) => (
        <Card key={k} size="small" title={title(k)} data-testid={`section-${k}`} type={depth > 0 ? 'inner' : undefined}>
          {Array.isArray(v) ? <RecordTable rows={v.filter(isRecord)} title={title} depth={depth} /> : <ObjectSections data={v as JsonObject} depth={depth + 1} />}
        </Card>
      ))}
    </Space>
  );
}

function RecordTable({ rows, title, depth }: { rows: JsonObject[]; title: (k: string) => string; depth: number }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <EmptyState />;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => rows.some((r) => !Array.isArray(r[c]) || !(r[c] as Json[]).some(isRecord))).slice(0, 12);
  const children = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => rows.some((r) => Array.isArray(r[c]) && (r[c] as Json[]).some(isRecord)));
  return (
    <Table<JsonObject>
      size="small"
      scroll={{ x: true }}
      pagination={rows.length > 10 ? { pageSize: 10 } : false}
      rowKey={(r) => String(r.id ?? JSON.stringify(r).slice(0, 80))}
      dataSource={rows}
      rowClassName={(r) => (failed(r) ? 'row-failed' : '')}
      columns={[
        ...columns.map((c) => ({ title: title(c), dataIndex: c, render: (x: Json) => scalar(x) })),
        ...(rows.some(failed) ? [{ title: t('common.status'), key: '_status', render: (_: unknown, r: JsonObject) => (failed(r) ? <Tag color="red">{t('dossier.failed')}</Tag> : <Tag color="green">{t('dossier.passed')}</Tag>) }] : []),
      ]}
      expandable={children.length > 0 && depth < MAX_DEPTH ? {
        expandedRowRender: (r) => <ObjectSections data={Object.fromEntries(children.map((c) => [c, r[c] ?? []]))} depth={depth + 1} />,
      } : undefined}
    />
  );
}

export type { Json };
