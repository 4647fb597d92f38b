import { z } from 'zod';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency.ts';

/** The optional `Idempotency-Key` request header every retried POST declares (route `headers` schema). */
export const idempotencyKeyHeaders = z.object({ 'idempotency-key': z.string().regex(IDEMPOTENCY_KEY_PATTERN).optional() });
