import { Card, Statistic, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** Pass / fail as a tag (a failed item is what a regulator looks for first). */
export function ResultTag({ pass }: { pass: boolean }) {
  const { t } = useTranslation();
  return <Tag color={pass ? 'green' : 'red'}>{t(pass ? 'dossier.passed' : 'dossier.failed')}</Tag>;
}

/** A test item's limits as the standard states them: ≥ 95, ≤ 10, 18 – 26. */
export function limitText(t: TFunction, i: { lowerLimit: number | null; upperLimit: number | null }): string {
  if (i.lowerLimit !== null && i.upperLimit !== null) return t('dv.between', { lo: i.lowerLimit, hi: i.upperLimit });
  if (i.lowerLimit !== null) return t('dv.atLeast', { v: i.lowerLimit });
  if (i.upperLimit !== null) return t('dv.atMost', { v: i.upperLimit });
  return '—';
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A share (0–1) as a percentage; null (nothing to count) as a dash. */
export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)} %`;
}

/** One figure of a dossier or an assessment, red when it is a problem. */
export function Figure({ title, value, danger, testId }: { title: string; value: number | string; danger?: boolean; testId?: string }) {
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={title} value={value} valueStyle={danger ? { color: '#cf1322' } : undefined} />
    </Card>
  );
}
