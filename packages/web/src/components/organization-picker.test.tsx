import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../i18n/i18n.ts';
import DistributionDocumentFormPage from '../pages/distribution-document-form-page.tsx';
import MaterialReceiptFormPage from '../pages/material-receipt-form-page.tsx';
import { SessionProvider, useSession } from '../session/session-context.tsx';
import { renderWithProviders } from '../test/render.tsx';
import type { DirectoryEntry } from './organization-picker.tsx';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' } });

const SUPPLIER: DirectoryEntry = { id: 42, type: 'distributor', name: '杭州康达医疗器械有限公司', nameEn: 'Hangzhou Kangda Medical', creditCode: '91330106MA2KD00012', regionCode: '330106', regionName: '西湖区', gln: '6993001000007' };
const OTHER: DirectoryEntry = { id: 43, type: 'manufacturer', name: '杭州康平医用材料厂', nameEn: null, creditCode: null, regionCode: '330110', regionName: '余杭区', gln: null };
const HOSPITAL: DirectoryEntry = { id: 7, type: 'institution', name: '南京市第一医院', nameEn: null, creditCode: null, regionCode: '320102', regionName: '玄武区', gln: '6993002000003' };
const DIRECTORY = [SUPPLIER, OTHER, HOSPITAL];

/**
 * A server at the network boundary: the directory answers like the real one (names containing q,
 * or one by id), the session is an institution user of organisation 7, the POST answers `post`.
 */
function stubServer(post: () => Response = () => json(201, {})) {
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    if ((init?.method ?? 'GET') !== 'GET') return post();
    if (url === '/api/auth/me') return json(200, { actor: { type: 'user', id: 5, name: '设备科', role: 'institution', organizationId: 7, jurisdictionCode: null, regulatorLevel: null } });
    const u = new URL(url, 'http://x');
    if (u.pathname === '/api/organizations/directory') {
      const q = u.searchParams.get('q') ?? '';
      const id = u.searchParams.get('id');
      return json(200, { items: DIRECTORY.filter((o) => (id ? String(o.id) === id : o.name.includes(q) || (o.gln ?? '').startsWith(q))) });
    }
    return json(404, { title: 'not found', status: 404, code: 'not_found' });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
const directoryCalls = (fetch: ReturnType<typeof stubServer>) => fetch.mock.calls.map(([url]) => String(url)).filter((u) => u.startsWith('/api/organizations/directory'));
const posts = (fetch: ReturnType<typeof stubServer>) => fetch.mock.calls.filter(([, init]) => (init?.method ?? 'GET') !== 'GET') as [string, RequestInit][];

/** The picker's search box, found by the field's test id. */
const searchBox = (field: string) => screen.getByTestId(`field-${field}`).querySelector('input') as HTMLInputElement;
async function searchFor(field: string, text: string) {
  const input = searchBox(field);
  fireEvent.mouseDown(screen.getByTestId(`field-${field}`).querySelector('.ant-select-selector') as HTMLElement);
  fireEvent.change(input, { target: { value: text } });
}
async function choose(field: string, text: string, id: number) {
  await searchFor(field, text);
  const option = await waitFor(() => {
    const found = document.querySelector(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) [data-testid="org-option-${id}"]`)?.closest('.ant-select-item-option');
    if (!found) throw new Error(`no option ${id}`);
    return found as HTMLElement;
  });
  fireEvent.click(option);
}
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const shown = (field: string) => screen.getByTestId(`field-${field}`).querySelector('.ant-select-selection-item')?.textContent ?? '';

function AfterLogin({ children }: { children: React.ReactNode }) {
  return useSession().status === 'authenticated' ? children : null;
}

/** A distribution document filled apart from its parties. */
function fillDocument() {
  type('field-number', 'SH-2611-08');
  type('field-documentDate', '2026-11-19');
  type('cell-lines.0.productDi', '06990001001905');
  type('cell-lines.0.lot', 'L1');
  type('cell-lines.0.quantity', '100');
}

// antd selects and a debounced search per test: slow on a loaded shared machine.
describe('organisation picker (issue 6)', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks the directory once the typing pauses, and shows name, type, region and GLN of each match', async () => {
    const fetch = stubServer();
    renderWithProviders(<MaterialReceiptFormPage />);
    await searchFor('supplierOrganizationId', '杭');
    await searchFor('supplierOrganizationId', '杭州');
    await searchFor('supplierOrganizationId', '杭州康');
    await waitFor(() => expect(document.querySelector('[data-testid="org-option-42"]')).toBeTruthy());
    // One request for the three keystrokes (the opening's empty search was overtaken by the typing too).
    expect(directoryCalls(fetch)).toEqual([`/api/organizations/directory?q=${encodeURIComponent('杭州康')}&limit=20`]);
    expect(document.querySelector('[data-testid="org-option-42"]')?.textContent).toBe('杭州康达医疗器械有限公司 经营企业西湖区 · GLN 6993001000007 · 91330106MA2KD00012');
    expect(document.querySelector('[data-testid="org-option-43"]')?.textContent).toBe('杭州康平医用材料厂 生产企业余杭区');
  });

  it('says so when nothing matches', async () => {
    stubServer();
    renderWithProviders(<MaterialReceiptFormPage />);
    await searchFor('supplierOrganizationId', '不存在的单位');
    await waitFor(() => expect(screen.getByTestId('org-picker-empty').textContent).toBe('没有找到匹配的单位'));
    expect(document.querySelector('.ant-select-item-option')).toBeNull();
  });

  it('sends the chosen organisations’ ids; the buyer starts as the user’s own organisation, shown by name', async () => {
    const fetch = stubServer(() => json(201, { id: 3, kind: 'delivery_note', number: 'SH-2611-08', supplierName: SUPPLIER.name, buyerName: HOSPITAL.name, eventLink: 'none', lines: [{}] }));
    renderWithProviders(<SessionProvider><AfterLogin><DistributionDocumentFormPage /></AfterLogin></SessionProvider>);
    await waitFor(() => expect(shown('buyerOrganizationId')).toBe('南京市第一医院'));
    fillDocument();
    await choose('supplierOrganizationId', '康达', 42);
    expect(shown('supplierOrganizationId')).toBe('杭州康达医疗器械有限公司');
    await act(async () => fireEvent.click(screen.getByTestId('document-form-submit')));
    await waitFor(() => expect(screen.getByTestId('document-form-done')).toBeTruthy());
    const [url, init] = posts(fetch)[0] as [string, RequestInit];
    expect(url).toBe('/api/distribution-documents');
    expect(JSON.parse(String(init.body))).toMatchObject({ supplierOrganizationId: 42, buyerOrganizationId: 7 });
  });

  it('shows the server’s word on the supplier next to the picker until another one is chosen', async () => {
    stubServer(() => json(422, {
      title: '提交的数据有误', status: 422, code: 'validation.failed',
      errors: [{ code: 'distribution.not_a_party', path: 'supplierOrganizationId', message: '流通单据：本单位既不是供货方也不是购货方', params: { organizationId: 9 } }],
    }));
    renderWithProviders(<DistributionDocumentFormPage />);
    fillDocument();
    await choose('supplierOrganizationId', '康平', 43);
    await choose('buyerOrganizationId', '医院', 7);
    await act(async () => fireEvent.click(screen.getByTestId('document-form-submit')));
    const error = await waitFor(() => screen.getByTestId('error-supplierOrganizationId'));
    expect(error.textContent).toContain('本单位既不是供货方也不是购货方');
    // Next to the picker: in the same form item as the supplier's select.
    expect(error.closest('.ant-form-item')?.contains(screen.getByTestId('field-supplierOrganizationId'))).toBe(true);
    await choose('supplierOrganizationId', '康达', 42);
    expect(screen.queryByTestId('error-supplierOrganizationId')).toBeNull();
  });
});
