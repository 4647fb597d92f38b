import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TraceAnswer, TraceOrganization } from '../api/types.ts';
import { EChart } from './echart.tsx';

export interface ChainNode { key: string; name: string; role: 'factory' | 'distributor' | 'institution'; tier: number; restricted: boolean }
export interface ChainEdge { from: string; to: string; count: number }

const keyOf = (o: TraceOrganization) => (o.organizationId !== null ? `org:${o.organizationId}` : `name:${o.name}:${o.regionCode}`);

/**
 * The chain as organisations and hand-overs: the factory (commissioning) on the left, each
 * shipment an edge one tier to the right, places where units were used are institutions.
 */
export function chainOf(trace: TraceAnswer): { nodes: ChainNode[]; edges: ChainEdge[] } {
  const nodes = new Map<string, ChainNode>();
  const edges = new Map<string, ChainEdge>();
  const add = (o: TraceOrganization | null, role: ChainNode['role'], tier: number): string | null => {
    if (!o) return null;
    const key = keyOf(o);
    const existing = nodes.get(key);
    if (!existing) nodes.set(key, { key, name: o.name, role, tier, restricted: o.restricted });
    else if (role === 'institution' && existing.role === 'distributor') existing.role = 'institution';
    return key;
  };
  const factory = trace.lot?.factory ?? trace.path.find((s) => s.effect === 'commission')?.organization ?? null;
  add(factory, 'factory', 0);
  for (const step of [...trace.path].sort((a, b) => a.time.localeCompare(b.time))) {
    if (step.effect === 'commission') add(step.organization, 'factory', 0);
    if ((step.effect === 'ship' || step.effect === 'receive' || step.effect === 'return') && step.from && step.to) {
      const from = add(step.from, 'distributor', 0);
      const fromTier = from ? (nodes.get(from)?.tier ?? 0) : 0;
      const to = add(step.to, 'distributor', fromTier + 1);
      if (from && to && from !== to) {
        const k = `${from}>${to}`;
        const e = edges.get(k);
        if (e) e.count = step.effect === 'ship' ? e.count + 1 : e.count;
        else edges.set(k, { from, to, count: 1 });
      }
    }
    if (step.effect === 'use') {
      const k = add(step.organization, 'institution', 1);
      const n = k ? nodes.get(k) : undefined;
      if (n) n.role = 'institution';
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

const COLOURS = { factory: '#1f5fa8', distributor: '#d48806', institution: '#389e0d' };

export function ChainGraph({ trace }: { trace: TraceAnswer }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const { nodes, edges } = chainOf(trace);
    const perTier = new Map<number, number>();
    const data = nodes.map((n) => {
      const row = perTier.get(n.tier) ?? 0;
      perTier.set(n.tier, row + 1);
      return {
        // Alternate tiers sit a little lower so the layout box never has zero height (a straight chain).
        id: n.key, name: n.name, x: n.tier * 240, y: row * 90 + (n.tier % 2) * 24, symbolSize: n.role === 'factory' ? 46 : 36,
        itemStyle: { color: COLOURS[n.role], opacity: n.restricted ? 0.5 : 1 },
        label: { show: true, position: 'bottom', width: 160, overflow: 'truncate' },
        value: t(`trace.roles.${n.role}`),
      };
    });
    return {
      tooltip: { formatter: (p: { dataType: string; name: string; value?: string }) => (p.dataType === 'node' ? `${p.name}<br/>${p.value ?? ''}` : '') },
      series: [{
        // One organisation alone has no extent to lay out on: let echarts place it.
        type: 'graph', layout: data.length > 1 ? 'none' : 'circular', roam: true, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 10,
        data, links: edges.map((e) => ({ source: e.from, target: e.to, lineStyle: { width: Math.min(6, 1 + Math.log2(e.count)) } })),
        lineStyle: { color: '#8c8c8c', curveness: 0.1 },
      }],
    };
  }, [trace, t]);
  return <EChart option={option} label={t('trace.chain')} height={380} testId="chain-graph" extra="graph" />;
}
