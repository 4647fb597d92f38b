import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Button } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download, query, type ListAnswer } from '../api/client.ts';
import { ErrorState } from './page-states.tsx';

type Params = Record<string, string | number | boolean | undefined | null>;

/**
 * A server-paged list with the pro-table conventions users know: a query form, `共 N 条`
 * pagination, column settings, density, reload, and CSV export of the same filter by the server
 * (`format=csv`, which Excel opens). Filters map 1:1 onto the list API's query parameters.
 */
export function MasterList<T extends Record<string, unknown>>({ path, columns, title, exportName, testId, fixed = {} }: {
  path: string;
  columns: ProColumns<T>[];
  title: string;
  exportName: string;
  testId: string;
  /** Filters always applied (e.g. the organisation of a dossier). */
  fixed?: Params;
}) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Params>({});
  const [error, setError] = useState<unknown>(null);
  const sortRef = useRef<string | undefined>(undefined);
  return (
    <div data-testid={testId}>
      {error !== null && <ErrorState error={error} />}
      <ProTable<T, Params>
        headerTitle={title}
        rowKey="id"
        columns={columns}
        search={{ labelWidth: 'auto', searchText: t('common.query'), resetText: t('common.reset') }}
        options={{ setting: true, density: true, reload: true }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => t('state.total', { total }) }}
        request={async (params, sort) => {
          const { current, pageSize, keyword: _keyword, ...rest } = params;
          const [field, order] = Object.entries(sort ?? {})[0] ?? [];
          sortRef.current = field ? `${order === 'descend' ? '-' : ''}${field}` : undefined;
          const f = { ...rest, ...fixed };
          setFilters(f);
          try {
            const answer = await api<ListAnswer<T>>(`${path}${query({ ...f, page: current, pageSize, sort: sortRef.current })}`);
            setError(null);
            return { data: answer.items, total: answer.total, success: true };
          } catch (e) {
            setError(e);
            return { data: [], total: 0, success: false };
          }
        }}
        toolBarRender={() => [
          <Button key="csv" onClick={() => void download(`${path}${query({ ...filters, format: 'csv', sort: sortRef.current })}`, `${exportName}.csv`).catch(setError)}>
            {t('common.exportCsv')}
          </Button>,
        ]}
      />
    </div>
  );
}
