import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../i18n/i18n.ts';
import { renderWithProviders } from '../../test/render.tsx';
import { AttachmentsPanel } from './attachments-panel.tsx';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' } });

/** The server: an empty list of documents, and this problem for every upload. */
function serverRefusing(problem: unknown) {
  const fetch = vi.fn(async (_url: string, init?: RequestInit) => ((init?.method ?? 'GET') === 'POST' ? json(422, problem) : json(200, { items: [], total: 0 })));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

/** Picks a file in the upload box, types the document key and title, and uploads. */
async function upload(key: string, title: string) {
  const input = document.querySelector('[data-testid="attachments"] input[type="file"]') as HTMLInputElement;
  const file = new File(['%PDF-1.7'], 'sterilisation.pdf', { type: 'application/pdf' });
  await act(async () => fireEvent.change(input, { target: { files: [file] } }));
  fireEvent.change(screen.getByTestId('attachment-key'), { target: { value: key } });
  fireEvent.change(screen.getByTestId('attachment-title'), { target: { value: title } });
  const button = await waitFor(() => {
    const found = [...document.querySelectorAll('button[type="submit"]')].find((b) => !(b as HTMLButtonElement).disabled);
    if (!found) throw new Error('upload button still disabled');
    return found as HTMLElement;
  });
  await act(async () => fireEvent.click(button));
}

const problem = (errors: unknown[]) => ({ title: 'x', status: 422, code: 'validation.failed', errors });

describe('attachments panel (process documents)', () => {
  beforeEach(async () => {
    await changeLanguage('zh-CN');
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await changeLanguage('zh-CN');
  });

  it('words the server’s refusal of the title by the box’s label, and again after the switch to English', async () => {
    const fetch = serverRefusing(problem([{ code: 'generic.too_long', path: 'title', message: 'x', params: { maximum: 200 } }]));
    renderWithProviders(<AttachmentsPanel subjectType="batch" subjectId={7} />);
    await upload('sterilisation-record', '灭菌记录');
    await waitFor(() => expect(screen.getByTestId('attachments').textContent).toContain('标题 最多 200 个字符 请缩短到 200 个字符以内'));
    expect(fetch.mock.calls.some(([url, init]) => url === '/api/attachments' && init?.method === 'POST')).toBe(true);
    await act(async () => changeLanguage('en'));
    await waitFor(() => expect(screen.getByTestId('attachments').textContent).toContain('Title takes at most 200 characters Shorten it to 200 characters or fewer'));
  });

  it('names the document key by its label in the server’s format problem', async () => {
    await changeLanguage('en');
    serverRefusing(problem([{ code: 'generic.format', path: 'documentKey', message: 'x', params: { format: 'a-z0-9._-' } }]));
    renderWithProviders(<AttachmentsPanel subjectType="batch" subjectId={7} />);
    await upload('sterilisation-record', 'Sterilisation');
    await waitFor(() => expect(screen.getByTestId('attachments').textContent).toContain('Field Document key is not in the format a-z0-9._- Write it as a-z0-9._-'));
    expect(screen.getByTestId('attachments').textContent).not.toContain('documentKey');
  });

  it('shows a problem no box shows (the batch is gone) as a banner instead of dropping it', async () => {
    serverRefusing(problem([{ code: 'attachment.subject_unknown', path: 'subjectId', message: 'x', params: { subjectType: 'batch', subjectId: 7 } }]));
    renderWithProviders(<AttachmentsPanel subjectType="batch" subjectId={7} />);
    await upload('sterilisation-record', '灭菌记录');
    await waitFor(() => expect(screen.getByTestId('attachments').querySelector('.ant-alert-error')).not.toBeNull());
  });

  it('shows a box’s problem by the box and lists the one no box shows in the banner, not repeating the first', async () => {
    serverRefusing({ ...problem([
      { code: 'generic.too_long', path: 'title', message: 'x', params: { maximum: 200 } },
      { code: 'generic.unknown_key', path: 'folder', message: 'x' },
    ]), params: { count: 2 } });
    renderWithProviders(<AttachmentsPanel subjectType="batch" subjectId={7} />);
    await upload('sterilisation-record', '灭菌记录');
    await waitFor(() => expect(screen.getByTestId('attachments').textContent).toContain('标题 最多 200 个字符 请缩短到 200 个字符以内'));
    const banner = screen.getByTestId('problem-list').closest('[role="alert"]') as HTMLElement;
    expect([...banner.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['不认识的字段 folder 请删除该字段或检查拼写']);
    expect(banner.textContent).not.toContain('标题 最多');
  });
});
