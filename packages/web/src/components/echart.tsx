import { Skeleton } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { echarts as EchartsModule } from './echarts-setup.ts';

type Echarts = typeof EchartsModule;
type Instance = ReturnType<Echarts['init']>;

/** Chart kinds beyond the dashboard's bar and map, each in its own chunk. */
export type EchartsExtra = 'graph' | 'lines' | 'legend';

/** Loads echarts on first use (its own chunk), with the extra chart kinds a chart needs. */
export const loadEcharts = (extra?: EchartsExtra): Promise<Echarts> => {
  if (extra === 'graph') return import('./echarts-graph.ts').then((m) => m.echarts);
  if (extra === 'lines') return import('./echarts-lines.ts').then((m) => m.echarts);
  if (extra === 'legend') return import('./echarts-legend.ts').then((m) => m.echarts);
  return import('./echarts-setup.ts').then((m) => m.echarts);
};

export interface EChartProps {
  /** The echarts option; null shows a skeleton (data still loading). */
  option: Record<string, unknown> | null;
  /** Runs before setOption, e.g. to register a map. */
  prepare?: (echarts: Echarts) => Promise<void> | void;
  height?: number;
  /** Charts are canvases: this names them for screen readers. */
  label: string;
  onClick?: (params: { name?: string; data?: unknown }) => void;
  testId?: string;
  /** Chart kinds beyond bar and map that the option uses. */
  extra?: EchartsExtra;
}

/** A chart that loads echarts lazily, resizes with its box and is disposed with the page. */
export function EChart({ option, prepare, height = 320, label, onClick, testId, extra }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<Instance | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void loadEcharts(extra).then(async (echarts) => {
      if (prepare) await prepare(echarts);
      if (disposed || !ref.current) return;
      chart.current = echarts.init(ref.current);
      // A hidden box (an inactive tab, a page being left) measures 0: echarts' view transform breaks on it.
      observer = new ResizeObserver(() => {
        const box = ref.current;
        if (box && box.clientWidth > 0 && box.clientHeight > 0) chart.current?.resize();
      });
      observer.observe(ref.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
    // prepare is stable per chart kind; re-initialising on each render would flicker
  }, []);

  useEffect(() => {
    if (ready && option) chart.current?.setOption(option, { notMerge: true });
  }, [ready, option]);

  useEffect(() => {
    const c = chart.current;
    if (!ready || !c || !onClick) return;
    c.on('click', onClick as never);
    return () => void c.off('click');
  }, [ready, onClick]);

  return (
    <div style={{ position: 'relative', height }} role="img" aria-label={label} data-testid={testId} data-ready={ready && option ? 'true' : 'false'}>
      {(!ready || !option) && <Skeleton.Node active style={{ width: '100%', height }} />}
      <div ref={ref} style={{ position: 'absolute', inset: 0, visibility: ready && option ? 'visible' : 'hidden' }} />
    </div>
  );
}
