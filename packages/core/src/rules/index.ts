// Public API of the rules module: civil dates and Shanghai time, the working-day calendar,
// the built-in Chinese holiday data, and deadline rules.
export * from './civil-date.ts';
export * from './shanghai-time.ts';
export * from './working-day-calendar.ts';
export * from './holidays-cn.generated.ts';
export * from './china-calendar.ts';
export * from './deadline-rules.ts';
export * from './default-deadline-rules.ts';
