import type { Locale } from '@lianjian/core/locales/index';
import { Button, Card, Form, Input, List, Space, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { idempotencyKey, type ListAnswer } from '../../api/client.ts';
import { ApiProblem, type ProblemBody } from '../../api/problem.ts';
import { useApi } from '../../api/use-api.ts';
import { formatInstant } from '../../format/time.ts';
import { bannerProblem } from '../admin/server-fields.ts';
import { messageFor, serverIssues, useFieldLabels } from '../form-issues.ts';
import { ErrorState } from '../page-states.tsx';

export type AttachmentSubject = 'batch' | 'material_receipt' | 'organization';
interface Attachment { id: number; documentKey: string; version: number; title: string | null; fileName: string; sizeBytes: number; mediaType: string; createdAt: string; contentUrl: string }

/** The document key the server accepts (a stable name per document; each upload under it is a new version). */
const DOCUMENT_KEY = /^[a-z0-9][a-z0-9._-]{0,79}$/;

/** Multipart `POST /api/attachments`: the fields first, then the part "file", as the route reads them. */
export async function uploadAttachment(fields: { subjectType: AttachmentSubject; subjectId: number; documentKey: string; title?: string }, file: Blob & { name?: string }, language: string): Promise<Attachment> {
  const body = new FormData();
  body.append('subjectType', fields.subjectType);
  body.append('subjectId', String(fields.subjectId));
  body.append('documentKey', fields.documentKey);
  if (fields.title) body.append('title', fields.title);
  body.append('file', file, file.name ?? 'file');
  const response = await fetch('/api/attachments', { method: 'POST', body, credentials: 'same-origin', headers: { accept: 'application/json', 'accept-language': language, 'idempotency-key': idempotencyKey() } });
  if (!response.ok) {
    let problem: ProblemBody = { title: response.statusText || `HTTP ${response.status}`, status: response.status, code: 'http.error' };
    try { problem = (await response.json()) as ProblemBody; } catch { /* not JSON: keep the status */ }
    throw new ApiProblem(problem);
  }
  return (await response.json()) as Attachment;
}

/** Process documents of a batch or material receipt: upload (PDF, PNG, JPEG; the server decides the type by content) and every version with its download link. */
export function AttachmentsPanel({ subjectType, subjectId }: { subjectType: AttachmentSubject; subjectId: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const list = useApi<ListAnswer<Attachment>>(`/api/attachments?subjectType=${subjectType}&subjectId=${subjectId}&pageSize=100`);
  const [documentKey, setDocumentKey] = useState('');
  const [title, setTitle] = useState('');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const keyError = documentKey !== '' && !DOCUMENT_KEY.test(documentKey) ? t('pf.attachments.keyRule') : undefined;
  // The server's words name the boxes as this form shows them (文件标识), not by the multipart field names.
  const fieldLabel = useFieldLabels({ documentKey: t('pf.attachments.documentKey'), title: t('pf.attachments.documentTitle') });
  const issues = serverIssues(error, locale, fieldLabel);
  const fieldError = (f: string) => messageFor(issues, f);
  // Only what lands next to a box is shown there; the rest (an unknown subjectId: the batch is gone) is listed in the banner.
  const banner = bannerProblem(error, ['documentKey', 'title', 'file'], fieldLabel);

  const send = async () => {
    const file = files[0]?.originFileObj;
    if (!file || !DOCUMENT_KEY.test(documentKey)) return;
    setBusy(true);
    setError(null);
    try {
      await uploadAttachment({ subjectType, subjectId, documentKey, ...(title.trim() && { title: title.trim() }) }, file, i18n.language);
      setFiles([]);
      setTitle('');
      await list.refetch();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('pf.attachments.title')} data-testid="attachments">
      {banner !== null && <ErrorState error={banner} />}
      <Form layout="inline" onFinish={() => void send()} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label={t('pf.attachments.documentKey')} validateStatus={keyError || fieldError('documentKey') ? 'error' : undefined} help={keyError ?? fieldError('documentKey')}>
          <Input value={documentKey} onChange={(e) => setDocumentKey(e.target.value.trim().toLowerCase())} placeholder="sterilisation-record" data-testid="attachment-key" />
        </Form.Item>
        <Form.Item label={t('pf.attachments.documentTitle')} validateStatus={fieldError('title') ? 'error' : undefined} help={fieldError('title')}>
          <Input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="attachment-title" />
        </Form.Item>
        <Form.Item validateStatus={fieldError('file') ? 'error' : undefined} help={fieldError('file')}>
          <Upload accept=".pdf,.png,.jpg,.jpeg" maxCount={1} fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList.slice(-1))}>
            <Button>{t('pf.attachments.choose')}</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={!files.length || !documentKey || Boolean(keyError)}>{t('pf.attachments.upload')}</Button>
      </Form>
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      <List size="small" dataSource={list.data?.items ?? []} locale={{ emptyText: t('pf.attachments.empty') }} renderItem={(a) => (
        <List.Item key={a.id} extra={<a href={a.contentUrl} download={a.fileName}>{t('pf.attachments.download')}</a>}>
          <Space wrap>
            <Typography.Text strong>{a.title ?? a.documentKey}</Typography.Text>
            <Tag>{`${a.documentKey} v${a.version}`}</Tag>
            <Typography.Text type="secondary">{`${a.fileName} · ${(a.sizeBytes / 1024).toFixed(1)} KB · ${formatInstant(a.createdAt)}`}</Typography.Text>
          </Space>
        </List.Item>
      )} />
    </Card>
  );
}
