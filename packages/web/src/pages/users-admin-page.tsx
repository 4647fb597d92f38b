import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query, type ListAnswer } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { CreateUserModal, ROLES } from '../components/admin/create-user-form.tsx';
import { EditUserDrawer, UserStatusTag, type UserRow } from '../components/admin/edit-user-drawer.tsx';
import { ErrorState, LoadingState } from '../components/page-states.tsx';
import { formatInstant } from '../format/time.ts';

/** Users (system admin): find, create, change, disable, reset a password (which also lifts a lockout). */
export default function UsersAdminPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [filter, setFilter] = useState<{ q?: string; role?: string }>({});
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const list = useApi<ListAnswer<UserRow>>(`/api/users${query({ ...filter, page: page.current, pageSize: page.pageSize })}`);
  return (
    <Card
      title={<Typography.Title level={3} style={{ margin: 0 }}>{t('admin.users')}</Typography.Title>}
      extra={<Button type="primary" onClick={() => setCreating(true)} data-testid="create-user">{t('sys.users.create')}</Button>}
      data-testid="users-admin"
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search allowClear placeholder={t('sys.users.search')} aria-label={t('sys.users.search')} onSearch={(q) => { setFilter((f) => ({ ...f, q: q.trim() || undefined })); setPage((p) => ({ ...p, current: 1 })); }} style={{ width: 260 }} />
        <Select allowClear placeholder={t('sys.users.role')} aria-label={t('sys.users.role')} style={{ width: 200 }} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} onChange={(role?: string) => setFilter((f) => ({ ...f, role }))} />
      </Space>
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending ? <LoadingState /> : (
        <Table<UserRow>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('sys.users.empty') }}
          pagination={{ ...page, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('state.total', { total }), onChange: (current, pageSize) => setPage({ current, pageSize }) }}
          columns={[
            { title: t('admin.username'), dataIndex: 'username', render: (v: string) => <span data-content>{v}</span> },
            { title: t('common.name'), dataIndex: 'displayName', render: (v: string) => <span data-content>{v}</span> },
            { title: t('sys.users.role'), dataIndex: 'role', render: (v: string) => t(`role.${v}`, { defaultValue: v }) },
            { title: t('sys.users.organization'), dataIndex: 'organizationName', render: (v: string | null, r) => <span data-content>{v ?? r.jurisdictionCode ?? '—'}</span> },
            { title: t('common.status'), dataIndex: 'status', render: (_: unknown, r) => <UserStatusTag user={r} /> },
            { title: t('sys.users.lastLogin'), dataIndex: 'lastLoginAt', render: (v: string | null) => formatInstant(v) },
            { title: t('common.actions'), key: 'actions', render: (_: unknown, r) => <Button size="small" onClick={() => setEditing(r)} aria-label={t('sys.users.edit', { username: r.username })}>{t('sys.edit')}</Button> },
          ]}
        />
      )}
      <CreateUserModal open={creating} onClose={() => setCreating(false)} onCreated={() => setCreating(false)} />
      <EditUserDrawer user={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
