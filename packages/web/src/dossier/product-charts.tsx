import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductDossier, RegionHolding } from '../api/product-dossier-types.ts';
import { EChart } from '../components/echart.tsx';

type Labels = { inStock: string; inTransit: string; used: string };

/** Stacked horizontal bars, one per city, largest first at the top: in stock, in transit, used. */
export function regionsOption(rows: RegionHolding[], labels: Labels): Record<string, unknown> {
  const ordered = [...rows].reverse();
  const series = (['inStock', 'inTransit', 'used'] as const).map((k) => ({ name: labels[k], type: 'bar', stack: 'held', data: ordered.map((r) => r[k]) }));
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: ordered.map((r) => r.regionName ?? r.regionCode) },
    series,
  };
}

/** Cases by month of the event, oldest month on the left. */
export function trendOption(byMonth: ProductDossier['adverseEvents']['byMonth'], label: string): Record<string, unknown> {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: byMonth.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: label, type: 'bar', data: byMonth.map((m) => m.cases), itemStyle: { color: '#cf1322' } }],
  };
}

/** Where the product is now, by the holder's city (echarts is loaded on first use). */
export function RegionsChart({ rows }: { rows: RegionHolding[] }) {
  const { t } = useTranslation();
  const option = useMemo(() => regionsOption(rows, { inStock: t('pd.inStock'), inTransit: t('pd.inTransit'), used: t('pd.used') }), [rows, t]);
  return <EChart option={option} height={Math.max(160, 48 + rows.length * 32)} label={t('pd.chartRegions')} testId="chart-regions" extra="legend" />;
}

export function TrendChart({ byMonth }: { byMonth: ProductDossier['adverseEvents']['byMonth'] }) {
  const { t } = useTranslation();
  const option = useMemo(() => trendOption(byMonth, t('pd.cases')), [byMonth, t]);
  return <EChart option={option} height={220} label={t('pd.chartTrend')} testId="chart-ae-trend" />;
}
