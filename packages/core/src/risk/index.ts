// Public API of the risk module (pure): indicator definitions and quality-versus-use attribution.
export * from './indicator.ts';
export * from './builtin-indicators.ts';
export * from './attribution.ts';
