import { createHmac } from 'node:crypto';

/** The fields an audit entry's HMAC covers, in a fixed order. */
export interface AuditEntryContent {
  id: number;
  at: Date;
  actorType: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  details: unknown;
}

export const GENESIS_HMAC = '0'.repeat(64);

/** JSON with object keys sorted, so the same content always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * HMAC-SM3 (GB/T 32905, via OpenSSL in node:crypto) over the previous entry's HMAC and this entry's
 * content: changing, removing or reordering any entry breaks every link after it.
 */
export function auditHmac(key: string, prevHmac: string, e: AuditEntryContent): string {
  const content = canonicalJson([
    e.id, e.at.toISOString(), e.actorType, e.actorId, e.actorName, e.action, e.objectType, e.objectId,
    e.outcome, e.ip, e.userAgent, e.details ?? {},
  ]);
  return createHmac('sm3', key).update(prevHmac).update('\n').update(content).digest('hex');
}
