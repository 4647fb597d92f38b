import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';

interface Grantee { id: number; username: string; displayName: string; role: string; department: string | null; jurisdictionCode: string | null; organizationName: string | null }

/**
 * Picks the account a grant names by typing part of its username, name or organisation: only
 * accounts whose role can read an identity are offered (`/api/patient-identity-grants/grantees`).
 */
export function GranteeSelect({ value, onChange, testId }: { value: number | null; onChange: (id: number | null) => void; testId?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  // The chosen account stays an option while a later search finds others, so the box names it, not its id.
  const [chosen, setChosen] = useState<Grantee | null>(null);
  const found = useApi<{ items: Grantee[] }>(`/api/patient-identity-grants/grantees${query({ q: q.trim() || undefined })}`);
  const where = (g: Grantee) => g.organizationName ?? [g.jurisdictionCode, g.department].filter(Boolean).join(' ');
  const items = found.data?.items ?? [];
  const shown = chosen && chosen.id === value && !items.some((g) => g.id === chosen.id) ? [chosen, ...items] : items;
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      value={value ?? undefined}
      onSearch={setQ}
      onChange={(v?: number) => {
        setChosen(shown.find((g) => g.id === v) ?? null);
        onChange(v ?? null);
      }}
      loading={found.isFetching}
      placeholder={t('sys.privacy.granteeSearch')}
      notFoundContent={found.isError ? t('state.error') : t('sys.privacy.granteeNone')}
      options={shown.map((g) => ({ value: g.id, label: `${g.displayName}（${g.username}）· ${t(`role.${g.role}`)}${where(g) ? ` · ${where(g)}` : ''}` }))}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
