// Dates as the forms take them, following the clock (the forms refuse future dates), on Shanghai's wall clock.

/** A calendar day in Shanghai (YYYY-MM-DD), `offset` days from today. */
export function shanghaiDay(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

/** A datetime-local value (Shanghai wall clock, YYYY-MM-DDTHH:mm) `offsetMinutes` from now. */
export function shanghaiMinute(offsetMinutes: number): string {
  return new Date(Date.now() + offsetMinutes * 60_000).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16).replace(' ', 'T');
}
