import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../i18n/i18n.ts';
import { CJK, renderWithProviders } from '../../test/render.tsx';
import { interfaceText } from '../../test/visible-text.ts';
import { CreateUserModal, createUserInput } from './create-user-form.tsx';
import { pickOption as pick } from '../../test/antd-select.ts';


const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' } });
const REQUIRED_ROLE = '请输入角色';
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

/** Fills a valid user with the role picked by its label and submits it. */
async function fillAndSubmit(role: string) {
  type('field-username', 'audit.li');
  type('field-displayName', 'Li');
  type('field-password', 'Audit#2026x');
  await pick('field-role', role);
  await act(async () => fireEvent.click(screen.getByTestId('create-user-submit')));
}

describe('create user (system admin)', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('leaves empty optional fields out of the API input and trims the rest', () => {
    expect(createUserInput({ username: ' audit.li ', displayName: ' 李审计 ', password: 'Audit#2026x', role: 'auditadmin', organizationId: null, department: ' ', email: 'li@example.cn' }))
      .toEqual({ username: 'audit.li', displayName: '李审计', password: 'Audit#2026x', role: 'auditadmin', email: 'li@example.cn' });
  });

  it('says what is wrong with the username and the password (core password rule) before anything is sent', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<CreateUserModal open onClose={() => {}} onCreated={() => {}} />);
    type('field-username', 'Zhang San');
    type('field-password', 'abcdefgh');
    await act(async () => fireEvent.click(screen.getByTestId('create-user-submit')));
    await waitFor(() => expect(document.body.textContent).toContain('用户名须为 3–64 位小写字母'));
    expect(document.body.textContent).toContain('密码需包含大写字母、小写字母、数字、符号中的至少 3 类');
    expect(document.body.textContent).toContain(REQUIRED_ROLE);
    expect(fetch).not.toHaveBeenCalled();

    type('field-password', 'Ab#1');
    await waitFor(() => expect(document.body.textContent).toContain('密码至少需要 8 个字符'));
    type('field-username', 'zhang.san');
    type('field-password', 'zhang.san#A1');
    await waitFor(() => expect(document.body.textContent).toContain('密码不能包含用户名'));
  });

  it('names the field in the server’s field problem by its label, in Chinese and in English', async () => {
    const refusal = json(422, { title: 'x', status: 422, code: 'validation.failed', errors: [{ code: 'generic.format', path: 'email', message: 'x', params: { format: 'email' } }] });
    vi.stubGlobal('fetch', vi.fn(async () => refusal.clone()));
    const { unmount } = renderWithProviders(<CreateUserModal open onClose={() => {}} onCreated={() => {}} />);
    await fillAndSubmit('审计管理员');
    await waitFor(() => expect(screen.getByLabelText('电子邮箱').closest('.ant-form-item')?.textContent).toContain('字段 电子邮箱 的格式不正确（应为 email） 请按 email 格式填写'));
    unmount();

    await changeLanguage('en');
    renderWithProviders(<CreateUserModal open onClose={() => {}} onCreated={() => {}} />);
    await fillAndSubmit('Audit administrator');
    await waitFor(() => expect(screen.getByLabelText('Email').closest('.ant-form-item')?.textContent).toContain('Field Email is not in the format email Write it as email'));
  });

  it('re-words the server’s field problems when the user switches language, but not a field edited since', async () => {
    const refusal = json(422, { title: 'x', status: 422, code: 'validation.failed', errors: [
      { code: 'generic.format', path: 'email', message: 'x', params: { format: 'email' } },
      { code: 'generic.too_long', path: 'displayName', message: 'x', params: { maximum: 100 } },
    ] });
    vi.stubGlobal('fetch', vi.fn(async () => refusal.clone()));
    renderWithProviders(<CreateUserModal open onClose={() => {}} onCreated={() => {}} />);
    await fillAndSubmit('审计管理员');
    const item = (field: string) => (field === 'email' ? screen.getByLabelText(/^(电子邮箱|Email)$/) : screen.getByTestId(`field-${field}`)).closest('.ant-form-item')?.textContent ?? '';
    await waitFor(() => expect(item('email')).toContain('字段 电子邮箱 的格式不正确（应为 email）'));
    expect(item('displayName')).toContain('100');
    type('field-displayName', 'Li Shenji');
    await waitFor(() => expect(item('displayName')).not.toContain('100'));

    await act(async () => changeLanguage('en'));
    await waitFor(() => expect(item('email')).toContain('Field Email is not in the format email Write it as email'));
    expect(item('displayName')).not.toContain('100');
  });

  it('puts two server problems at one field both under it', async () => {
    const refusal = json(422, { title: 'x', status: 422, code: 'validation.failed', errors: [
      { code: 'generic.format', path: 'email', message: 'x', params: { format: 'email' } },
      { code: 'generic.too_long', path: 'email', message: 'x', params: { maximum: 254, origin: 'string' } },
    ] });
    vi.stubGlobal('fetch', vi.fn(async () => refusal.clone()));
    renderWithProviders(<CreateUserModal open onClose={() => {}} onCreated={() => {}} />);
    await fillAndSubmit('审计管理员');
    const item = () => screen.getByLabelText('电子邮箱').closest('.ant-form-item') as HTMLElement;
    await waitFor(() => expect(item().textContent).toContain('字段 电子邮箱 的格式不正确（应为 email）'));
    expect(item().textContent).toContain('电子邮箱 最多 254 个字符');
  });

  it('sends a valid user and puts the server’s field problem next to its field, in English too', async () => {
    await changeLanguage('en');
    const fetch = vi.fn().mockResolvedValue(json(409, {
      title: 'Conflict', status: 409, code: 'validation', errors: [{ code: 'user.username_taken', path: 'username', message: 'Username audit.li is taken', hint: 'Choose another username' }],
    }));
    vi.stubGlobal('fetch', fetch);
    const created = vi.fn();
    renderWithProviders(<CreateUserModal open onClose={() => {}} onCreated={created} />);
    await fillAndSubmit('Audit administrator');
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/users');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ username: 'audit.li', displayName: 'Li', password: 'Audit#2026x', role: 'auditadmin' });
    await waitFor(() => expect(document.body.textContent).toContain('Username audit.li is taken Choose another username'));
    expect(created).not.toHaveBeenCalled();
    const dialog = screen.getByRole('dialog');
    expect(CJK.test(interfaceText(dialog))).toBe(false);
  });
});
