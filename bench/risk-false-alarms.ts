// False alarms and detection delay of the surge detector (issue 5 §3, "quality of detection").
// A generated world of product × region weekly AE counts (Poisson around rates drawn log-uniformly
// between 0.05 and 8 reports a week), first with no planted signal — every alarm is false — then
// with planted surges (×2, ×3, ×5 from a known week), measuring the weeks from a surge's start to
// its first alarm. Default settings of core/stats/surge.ts (Poisson CUSUM, 26 baseline weeks, tuned
// to a tripling, in-control ARL 100 000 weeks, ≥ 3 reports in the alarm week).
//
// Run: npx tsx bench/risk-false-alarms.ts [--series 20000] [--weeks 52] [--seed 1]
import { parseArgs } from 'node:util';
import { generateSurveillanceWorld, measureSurveillance } from '../packages/core/src/stats/surveillance-world.ts';
import { SURGE_DEFAULTS } from '../packages/core/src/stats/surge.ts';

const { values } = parseArgs({ options: { series: { type: 'string', default: '20000' }, weeks: { type: 'string', default: '52' }, seed: { type: 'string', default: '1' } } });
const SERIES = Number(values.series);
const WEEKS = Number(values.weeks);
const SEED = Number(values.seed);

console.log(`surge detector defaults: ${JSON.stringify(SURGE_DEFAULTS)}`);
const started = performance.now();
const quiet = measureSurveillance(generateSurveillanceWorld({ seed: SEED, series: SERIES, monitorWeeks: WEEKS }));
console.log(`no planted signal: ${SERIES.toLocaleString('en')} product × region series × ${WEEKS} weeks = ${quiet.cleanCells.toLocaleString('en')} cells; ` +
  `${quiet.falseAlarms} alarms = ${quiet.falseAlarmsPer10k.toFixed(2)} false alarms per 10,000 cells (target ≤ 1)`);

for (const multiplier of [2, 3, 5]) {
  for (const minRate of [0.5, 0.05]) {
    const world = generateSurveillanceWorld({ seed: SEED + multiplier, series: 2000, monitorWeeks: 26, minRate, surge: { share: 1, multiplier, startWeek: 10 } });
    const m = measureSurveillance(world);
    console.log(`surge ×${multiplier}, base rates ${minRate}–8 a week: detected ${m.detected}/${m.surges} (${((100 * m.detected) / m.surges).toFixed(0)} %) within 16 weeks; ` +
      `delay median ${m.medianDelay} weeks, mean ${m.meanDelay?.toFixed(1)}; false alarms before the surge ${m.falseAlarmsPer10k.toFixed(2)} per 10,000 cells`);
  }
}
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
