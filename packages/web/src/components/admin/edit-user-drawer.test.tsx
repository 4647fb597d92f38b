import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../i18n/i18n.ts';
import { renderWithProviders } from '../../test/render.tsx';
import { EditUserDrawer, type UserRow } from './edit-user-drawer.tsx';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' } });
const refusing = (errors: unknown[]) => vi.stubGlobal('fetch', vi.fn(async () => json(422, { title: 'x', status: 422, code: 'validation.failed', errors })));
const USER: UserRow = {
  id: 12, username: 'audit.li', displayName: '李审计', role: 'auditadmin', organizationId: null, organizationName: null, jurisdictionCode: null, regulatorLevel: null,
  department: '信息科', email: null, phone: null, status: 'active', lockedUntil: null, lastLoginAt: null, createdAt: '2026-11-01T00:00:00Z',
};
/** The antd form item around the box with this label: where its error shows. */
const itemOf = (label: string) => screen.getByLabelText(label).closest('.ant-form-item') as HTMLElement;

describe('edit user drawer (system admin)', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('names the field in the server’s problem with the details by its label, in Chinese and in English', async () => {
    refusing([{ code: 'generic.too_long', path: 'phone', message: 'x', params: { maximum: 32 } }]);
    const { unmount } = renderWithProviders(<EditUserDrawer user={USER} onClose={() => {}} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^保\s*存$/ })));
    await waitFor(() => expect(itemOf('电话').textContent).toContain('电话 最多 32 个字符 请缩短到 32 个字符以内'));
    unmount();

    await changeLanguage('en');
    renderWithProviders(<EditUserDrawer user={USER} onClose={() => {}} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    await waitFor(() => expect(itemOf('Phone').textContent).toContain('Phone takes at most 32 characters Shorten it to 32 characters or fewer'));
  });

  it('names the new password by its label in the server’s refusal of a reset', async () => {
    refusing([{ code: 'generic.too_short', path: 'password', message: 'x', params: { minimum: 12 } }]);
    renderWithProviders(<EditUserDrawer user={USER} onClose={() => {}} />);
    fireEvent.change(screen.getByLabelText('新密码'), { target: { value: 'Audit#2026x' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '重置密码' })));
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: /^确\s*认$/ })));
    await waitFor(() => expect(itemOf('新密码').textContent).toContain('新密码 至少需要 12 个字符 请补全 新密码'));
  });
});
