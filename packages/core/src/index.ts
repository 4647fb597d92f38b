export * from './errors.ts';
export * from './locales/index.ts';
export * from './identifiers/check-digit.ts';
