import { mulberry32, poissonSample } from './seeded-random.ts';

/** Simulates `runs` weekly series: `baseline` weeks at mu0, then `weeks` more, switching to mu1 at `changeAt` (relative to monitoring start). */
export function simulateSeries(seed: number, runs: number, baseline: number, weeks: number, mu0: number, mu1 = mu0, changeAt = weeks): number[][] {
  const random = mulberry32(seed);
  return Array.from({ length: runs }, () =>
    Array.from({ length: baseline + weeks }, (_, t) => poissonSample(random, t - baseline >= changeAt ? mu1 : mu0)),
  );
}
