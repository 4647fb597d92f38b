import { Button, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** One temperature reading as typed: a datetime-local and the degrees, both still text. */
export interface ReadingRow { time: string; celsius: string }

interface ReadingsInputProps {
  rows: ReadingRow[];
  onChange: (rows: ReadingRow[]) => void;
  /** The message for a cell by its API path (`readings.0.time`), or undefined. */
  errorAt: (path: string) => string | undefined;
}

/**
 * Cold-chain readings as rows of (time, °C) the user adds and removes. Rows are never dropped
 * silently (not even blank ones): the schema's issues come back by row index, and they must land on
 * the row the user sees.
 */
export function ReadingsInput({ rows, onChange, errorAt }: ReadingsInputProps) {
  const { t } = useTranslation();
  const edit = (i: number, patch: Partial<ReadingRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const cell = (label: string, n: number) => t('common.issueRow', { label, n });
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="field-readings">
      {rows.map((r, i) => {
        const timeError = errorAt(`readings.${i}.time`);
        const celsiusError = errorAt(`readings.${i}.celsius`);
        return (
          <div key={i} data-testid={`reading-${i}`}>
            <Space align="start" wrap>
              <Input type="datetime-local" aria-label={cell(t('submission.readingTime'), i + 1)} data-testid={`reading-time-${i}`} status={timeError ? 'error' : undefined}
                value={r.time} onChange={(e) => edit(i, { time: e.target.value })} />
              <Input inputMode="decimal" aria-label={cell(t('submission.celsius'), i + 1)} data-testid={`reading-celsius-${i}`} status={celsiusError ? 'error' : undefined}
                suffix="°C" style={{ width: 140 }} value={r.celsius} onChange={(e) => edit(i, { celsius: e.target.value })} />
              <Button data-testid={`reading-remove-${i}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>{t('submission.readingRemove')}</Button>
            </Space>
            {[['time', timeError], ['celsius', celsiusError]].map(([k, e]) => e && (
              <Typography.Text key={k} type="danger" role="alert" style={{ display: 'block' }} data-testid={`error-readings.${i}.${k}`}>{e}</Typography.Text>
            ))}
          </div>
        );
      })}
      <Button type="dashed" data-testid="reading-add" onClick={() => onChange([...rows, { time: '', celsius: '' }])}>{t('submission.readingAdd')}</Button>
    </Space>
  );
}
