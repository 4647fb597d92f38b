/** Capture limits (413 beyond them), from the environment so operators can tune them per deployment. */
export interface CaptureLimits {
  /** Most events one capture document may hold (EPCIS `GS1-EPCIS-Capture-Limit`). */
  maxEvents: number;
  /** Largest capture body in bytes (EPCIS `GS1-EPCIS-Capture-File-Size-Limit`). */
  maxBytes: number;
}

export const DEFAULT_CAPTURE_LIMITS: CaptureLimits = { maxEvents: 10_000, maxBytes: 20 * 1024 * 1024 };

function positiveInt(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`invalid capture limit ${value}: expected a positive integer`);
  return n;
}

/** LIANJIAN_EPCIS_MAX_EVENTS and LIANJIAN_EPCIS_MAX_BYTES, else the defaults. */
export function captureLimitsFromEnv(env: Record<string, string | undefined> = process.env): CaptureLimits {
  return {
    maxEvents: positiveInt(env.LIANJIAN_EPCIS_MAX_EVENTS, DEFAULT_CAPTURE_LIMITS.maxEvents),
    maxBytes: positiveInt(env.LIANJIAN_EPCIS_MAX_BYTES, DEFAULT_CAPTURE_LIMITS.maxBytes),
  };
}
