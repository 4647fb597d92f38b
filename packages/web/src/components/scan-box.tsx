import { parseUdi } from '@lianjian/core/identifiers/parse-udi';
import type { Locale } from '@lianjian/core/locales/index';
import { Alert, Input, Space } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraScanButton } from './camera-scan.tsx';
import { issueText } from './problem-text.ts';
import { UdiParseView } from './udi-parse-view.tsx';

/**
 * One box for every label form (GS1 with or without brackets, raw scans with GS, Digital Link,
 * HIBC, MA code, EPC URN): parsed as typed with core's parseUdi, the same parser the server uses,
 * so the user sees agency, DI, lot, serial and dates before anything is sent.
 */
export function ScanBox({ initial = '', onSubmit, showParse = true }: { initial?: string; onSubmit: (code: string) => void; showParse?: boolean }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(initial);
  const parsed = useMemo(() => (text.trim() ? parseUdi(text.trim()) : null), [text]);
  const submit = useCallback((value: string) => {
    const v = value.trim();
    if (v) onSubmit(v);
  }, [onSubmit]);
  const fromCamera = useCallback((code: string) => {
    setText(code);
    submit(code);
  }, [submit]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space.Compact style={{ width: '100%' }}>
        <Input.Search
          aria-label={t('scan.label')}
          placeholder={t('scan.placeholder')}
          enterButton={t('scan.submit')}
          size="large"
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={submit}
          data-testid="scan-input"
        />
      </Space.Compact>
      <Space>
        <CameraScanButton onCode={fromCamera} />
        <span style={{ color: '#888' }}>{t('scan.hint')}</span>
      </Space>
      {showParse && parsed?.ok && <UdiParseView parsed={parsed.value} />}
      {showParse && parsed && !parsed.ok && (
        <Alert type="warning" role="status" data-testid="parse-error" message={t('scan.unreadable')} description={parsed.issues.slice(0, 2).map((i) => issueText({ code: i.code, ...(i.params ? { params: i.params as Record<string, string | number | boolean | null> } : {}) }, i18n.language as Locale)).join(' ')} />
      )}
    </Space>
  );
}
