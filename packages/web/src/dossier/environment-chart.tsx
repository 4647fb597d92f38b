import { Segmented, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnvironmentMetric, Reading } from '../api/dossier-types.ts';
import { useApi } from '../api/use-api.ts';
import { EChart } from '../components/echart.tsx';
import { ErrorState } from '../components/page-states.tsx';
import { formatInstant } from '../format/time.ts';

export const METRICS: EnvironmentMetric[] = ['temperatureC', 'humidityPct', 'pressureDiffPa', 'particles05', 'particles5'];
/** The batch's environmentLimits keys for a measure: `<prefix>Min` / `<prefix>Max`. */
const LIMIT_PREFIX: Record<EnvironmentMetric, string> = { temperatureC: 'temperature', humidityPct: 'humidity', pressureDiffPa: 'pressureDiff', particles05: 'particles05', particles5: 'particles5' };

export function limitsOf(limits: Record<string, number>, metric: EnvironmentMetric): { min?: number; max?: number } {
  const p = LIMIT_PREFIX[metric];
  return { ...(limits[`${p}Min`] !== undefined && { min: limits[`${p}Min`] }), ...(limits[`${p}Max`] !== undefined && { max: limits[`${p}Max`] }) };
}

/**
 * One measure's readings over the batch's production, with its limits as dashed lines and the
 * readings outside them as red points. The dossier carries only the out-of-limit readings; the
 * full series comes from the batch (`GET /api/batches/{id}`) when the chart is shown.
 */
export function EnvironmentChart({ batchId, limits, initial }: { batchId: number; limits: Record<string, number>; initial?: EnvironmentMetric }) {
  const { t } = useTranslation();
  const batch = useApi<{ environment: { readings: Reading[] } }>(`/api/batches/${batchId}`);
  const [metric, setMetric] = useState<EnvironmentMetric>(initial ?? 'temperatureC');
  const readings = batch.data?.environment.readings;
  const option = useMemo(() => {
    if (!readings) return null;
    const rows = readings.filter((r) => r[metric] !== null);
    const { min, max } = limitsOf(limits, metric);
    const times = [...new Set(rows.map((r) => formatInstant(r.measuredAt)))].sort();
    const rooms = [...new Set(rows.map((r) => r.room))];
    const out = rows.filter((r) => r.exceedances.some((e) => e.field === metric));
    const bounds = [min, max].filter((x): x is number => x !== undefined);
    const pad = (v: number) => Math.abs(v) * 0.02 + 0.5;
    return {
      animation: false,
      grid: { left: 80, right: 90, top: 40, bottom: 30 },
      tooltip: { trigger: 'item' },
      legend: { top: 0, data: [...rooms, t('dv.outOfLimit')] },
      xAxis: { type: 'category', data: times },
      // The limits stay in view even when every reading is far from them.
      yAxis: { type: 'value', min: (v: { min: number }) => Math.floor(Math.min(v.min, ...bounds) - pad(v.min)), max: (v: { max: number }) => Math.ceil(Math.max(v.max, ...bounds) + pad(v.max)) },
      series: [
        ...rooms.map((room, i) => ({
          name: room, type: 'line', symbolSize: 6, connectNulls: true,
          data: times.map((time) => rows.find((r) => r.room === room && formatInstant(r.measuredAt) === time)?.[metric] ?? null),
          ...(i === 0 && {
            markLine: {
              symbol: 'none', lineStyle: { type: 'dashed', color: '#cf1322' }, label: { formatter: '{b} {c}' },
              data: bounds.map((b) => ({ name: t('dv.limit'), yAxis: b })),
            },
          }),
        })),
        { name: t('dv.outOfLimit'), type: 'scatter', data: out.map((r) => [formatInstant(r.measuredAt), r[metric]]), symbolSize: 14, itemStyle: { color: '#cf1322' }, z: 10 },
      ],
    };
  }, [readings, metric, limits, t]);
  if (batch.isError) return <ErrorState error={batch.error} onRetry={() => void batch.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{t('dv.metric')}</Typography.Text>
        <Segmented<EnvironmentMetric> value={metric} onChange={setMetric} options={METRICS.map((m) => ({ value: m, label: t(`dv.metrics.${m}`) }))} />
      </Space>
      <EChart option={option} height={260} label={t('dv.chartLabel')} testId="environment-chart" extra="lines" />
    </Space>
  );
}
