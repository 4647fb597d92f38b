// Public API of the statistics module (pure, no I/O).
export * from './two-by-two.ts';
export * from './prr.ts';
export * from './ror.ts';
export * from './chi-square.ts';
export * from './bcpnn.ts';
export * from './pair-counts.ts';
export * from './mgps-prior.ts';
export * from './mgps-posterior.ts';
export * from './disproportionality.ts';
export * from './poisson-test.ts';
export * from './weekly-baseline.ts';
export * from './cusum.ts';
export * from './ewma.ts';
export * from './seeded-random.ts';
export * from './nelder-mead.ts';
export * from './brent.ts';
