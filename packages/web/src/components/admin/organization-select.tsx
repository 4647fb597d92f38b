import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query, type ListAnswer } from '../../api/client.ts';
import type { Organization } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';

/** Picks an organisation by typing part of its name or credit code (the system admin may read the register). */
export function OrganizationSelect({ value, onChange, id }: { value?: number | null; onChange?: (id: number | null) => void; id?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useApi<ListAnswer<Organization>>(`/api/organizations${query({ q: q.trim() || undefined, pageSize: 20 })}`);
  return (
    <Select
      id={id}
      showSearch
      allowClear
      filterOption={false}
      value={value ?? undefined}
      onSearch={setQ}
      onChange={(v?: number) => onChange?.(v ?? null)}
      loading={found.isFetching}
      placeholder={t('sys.orgSearch')}
      notFoundContent={found.isError ? t('state.error') : t('sys.orgNone')}
      options={(found.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name} · ${o.regionCode} · #${o.id}` }))}
    />
  );
}
