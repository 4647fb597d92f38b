import type { ParsedUdi } from '@lianjian/core/identifiers/parse-udi';
import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';

/** What the label says, before any server answer: agency, notation, DI, lot, serial, dates. */
export function UdiParseView({ parsed }: { parsed: ParsedUdi }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 4 }} title={t('scan.parse')} data-testid="udi-parse">
      <Descriptions.Item label={t('scan.agency')}>{parsed.agency}</Descriptions.Item>
      <Descriptions.Item label={t('scan.form')}>{t(`scan.forms.${parsed.form}`)}</Descriptions.Item>
      <Descriptions.Item label={t('scan.level')}>{t(`scan.levels.${parsed.level}`)}</Descriptions.Item>
      <Descriptions.Item label={t('scan.di')}><span data-testid="parse-di">{parsed.di}</span></Descriptions.Item>
      <Descriptions.Item label={t('scan.lot')}><span data-testid="parse-lot">{parsed.pi.lot ?? '—'}</span></Descriptions.Item>
      <Descriptions.Item label={t('scan.serial')}><span data-testid="parse-serial">{parsed.pi.serial ?? '—'}</span></Descriptions.Item>
      <Descriptions.Item label={t('scan.productionDate')}>{parsed.pi.productionDate ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('scan.expiryDate')}>{parsed.pi.expiryDate ?? '—'}</Descriptions.Item>
    </Descriptions>
  );
}
