import { Alert, Button, Form, Modal, Radio, Space, Table, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptureAccepted, CaptureErrorBehaviour } from '../../api/capture-job-types.ts';
import { ApiProblem, type FieldProblem, type ProblemBody } from '../../api/problem.ts';
import type { Locale } from '../../i18n/issue-words.ts';
import { ErrorState } from '../page-states.tsx';
import { captureIssueWords } from './capture-issue-words.ts';

/** The media type the capture route reads a file as: by its extension, else by its first character. */
export function captureContentType(fileName: string, text: string): string {
  const name = fileName.toLowerCase();
  if (name.endsWith('.xml')) return 'application/xml';
  if (name.endsWith('.jsonld')) return 'application/ld+json';
  if (name.endsWith('.json')) return 'application/json';
  return text.trimStart().startsWith('<') ? 'application/xml' : 'application/ld+json';
}

/**
 * `POST /epcis/capture` with the file's text as sent (the server hashes and validates the document as
 * written, so it is not parsed here). Not through `api()`, which sends only JSON it serialises itself.
 */
export async function postCapture(file: Blob & { name?: string }, behaviour: CaptureErrorBehaviour, language: string): Promise<CaptureAccepted> {
  const text = await file.text();
  const response = await fetch('/epcis/capture', {
    method: 'POST', body: text, credentials: 'same-origin',
    headers: {
      'content-type': captureContentType(file.name ?? '', text), 'gs1-capture-error-behaviour': behaviour,
      accept: 'application/json', 'accept-language': language,
    },
  });
  if (!response.ok) {
    let problem: ProblemBody = { title: response.statusText || `HTTP ${response.status}`, status: response.status, code: 'http.error' };
    try { problem = (await response.json()) as ProblemBody; } catch { /* not JSON: keep the status */ }
    throw new ApiProblem(problem);
  }
  return (await response.json()) as CaptureAccepted;
}

const BEHAVIOURS: CaptureErrorBehaviour[] = ['rollback', 'proceed'];

/** Upload an EPCIS 2.0 file (JSON-LD or XML) with the chosen error behaviour; a refused document lists its problems here. */
export function CaptureUploadModal({ open, onClose, onCaptured }: { open: boolean; onClose: () => void; onCaptured: (captureId: string) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [behaviour, setBehaviour] = useState<CaptureErrorBehaviour>('rollback');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missingFile, setMissingFile] = useState(false);
  // A refused document (400) carries its issues: the same rows a job lists, so the user can fix the file.
  const issues: FieldProblem[] = error instanceof ApiProblem ? (error.problem.errors ?? []) : [];

  const close = () => {
    setFiles([]);
    setError(null);
    setMissingFile(false);
    onClose();
  };
  const send = async () => {
    const file = files[0]?.originFileObj;
    if (!file) {
      setMissingFile(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const accepted = await postCapture(file, behaviour, i18n.language);
      setFiles([]);
      onCaptured(accepted.captureId);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('captureJobs.uploadTitle')} onCancel={close} destroyOnHidden width={720}
      footer={[
        <Button key="cancel" onClick={close}>{t('common.cancel')}</Button>,
        <Button key="send" type="primary" loading={busy} onClick={() => void send()} data-testid="capture-send">{t('captureJobs.send')}</Button>,
      ]}>
      <Form layout="vertical">
        <Form.Item label={t('captureJobs.file')} required validateStatus={missingFile ? 'error' : undefined} help={missingFile ? t('captureJobs.fileRequired') : undefined}>
          <Upload accept=".json,.jsonld,.xml" maxCount={1} fileList={files} beforeUpload={() => false}
            onChange={({ fileList }) => { setFiles(fileList.slice(-1)); setMissingFile(false); setError(null); }}>
            <Button data-testid="capture-choose">{t('captureJobs.choose')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item label={t('captureJobs.behaviour')}>
          <Radio.Group value={behaviour} onChange={(e) => setBehaviour(e.target.value as CaptureErrorBehaviour)} data-testid="capture-behaviour">
            <Space direction="vertical">
              {BEHAVIOURS.map((b) => (
                <Radio key={b} value={b}>
                  <Typography.Text strong>{t(`captureJobs.behaviours.${b}`)}</Typography.Text>
                  <Typography.Text type="secondary">{` — ${t(`captureJobs.behaviourHelp.${b}`)}`}</Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
      </Form>
      {error !== null && <ErrorState error={error} />}
      {issues.length > 0 && (
        <>
          <Alert type="warning" message={t('captureJobs.rejectedTitle')} style={{ margin: '12px 0 8px' }} />
          <Table size="small" pagination={false} data-testid="capture-refused" rowKey={(_, i) => String(i)} dataSource={issues}
            columns={[
              { title: t('captureJobs.field'), dataIndex: 'path', render: (v: string) => <Typography.Text code>{v || '—'}</Typography.Text> },
              { title: t('captureJobs.message'), key: 'message', render: (_: unknown, e) => captureIssueWords(e, locale).message },
              { title: t('captureJobs.fix'), key: 'hint', render: (_: unknown, e) => captureIssueWords(e, locale).hint ?? '—' },
            ]} />
        </>
      )}
    </Modal>
  );
}
