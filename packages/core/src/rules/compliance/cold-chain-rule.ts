import type { RuleHit } from './rule-hit.ts';

export interface TemperatureReading {
  /** CBV sensor type, e.g. `Temperature` or `gs1:Temperature`; null when not given. */
  type: string | null;
  value: number | null;
  minValue: number | null;
  maxValue: number | null;
  /** UN/CEFACT unit: CEL, FAH, KEL; null taken as Celsius. */
  uom: string | null;
  time: string;
}

/** A reading in °C, or null when it is not a temperature. */
export function celsius(value: number | null, uom: string | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (uom === 'FAH') return ((value - 32) * 5) / 9;
  if (uom === 'KEL') return value - 273.15;
  return value;
}

const isTemperature = (type: string | null) => type === null || /(^|[:/-])Temperature$/.test(type);

/**
 * A cold-chain excursion: a temperature reading outside the product's storage range.
 * @example coldChainExcursion([{ type: 'Temperature', value: 12, minValue: null, maxValue: null, uom: 'CEL', time: '…' }], { min: 2, max: 8 })?.evidence.worstC === 12
 */
export function coldChainExcursion(readings: readonly TemperatureReading[], range: { min: number | null; max: number | null }): RuleHit | null {
  if (range.min === null && range.max === null) return null;
  const outside: { time: string; valueC: number }[] = [];
  for (const r of readings) {
    if (!isTemperature(r.type)) continue;
    for (const v of [r.value, r.minValue, r.maxValue]) {
      const c = celsius(v, r.uom);
      if (c === null) continue;
      if ((range.min !== null && c < range.min) || (range.max !== null && c > range.max)) outside.push({ time: r.time, valueC: Math.round(c * 10) / 10 });
    }
  }
  if (!outside.length) return null;
  const distance = (c: number) => Math.max(range.min !== null ? range.min - c : 0, range.max !== null ? c - range.max : 0);
  const worst = outside.reduce((a, b) => (distance(b.valueC) > distance(a.valueC) ? b : a));
  return {
    rule: 'rule.cold_chain_excursion', grade: 'major', department: 'distribution_supervision',
    evidence: { rangeC: { min: range.min, max: range.max }, worstC: worst.valueC, worstAt: worst.time, readingsOutside: outside.length },
  };
}
