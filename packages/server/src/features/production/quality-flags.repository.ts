import type { QualityFlagFinding } from '@lianjian/core/rules/production-flags';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { scopeCondition } from '../../db/scope-sql.ts';
import type { DataScope } from '../auth/data-scope.ts';

export interface QualityFlagRow {
  id: number;
  rule: string;
  subjectType: 'batch' | 'material_lot' | 'lot';
  subjectKey: string;
  organizationId: number;
  regionCode: string;
  params: Record<string, unknown>;
  detectedAt: Date;
}

export interface QualityFlagFilter {
  rule?: string;
  subjectType?: 'batch' | 'material_lot' | 'lot';
  organizationId?: number;
  batchId?: number;
  regionPrefix?: string;
  from?: string;
  to?: string;
}

const columns = ['f.id', 'f.rule', 'f.subject_type as subjectType', 'f.subject_key as subjectKey', 'f.organization_id as organizationId', 'f.region_code as regionCode', 'f.params', 'f.detected_at as detectedAt'] as const;
const row = (r: Record<string, unknown>): QualityFlagRow => ({ ...(r as unknown as QualityFlagRow), id: Number(r.id), params: (typeof r.params === 'string' ? JSON.parse(r.params) : r.params) as Record<string, unknown> });

function base(db: Kysely<DB>, scope: DataScope, f: QualityFlagFilter) {
  let q = db.selectFrom('quality_flags as f').where(scopeCondition(scope, 'f.organization_id', 'f.region_code'));
  if (f.rule) q = q.where('f.rule', '=', f.rule);
  if (f.subjectType) q = q.where('f.subject_type', '=', f.subjectType);
  if (f.organizationId) q = q.where('f.organization_id', '=', f.organizationId);
  if (f.batchId) q = q.where(sql<boolean>`f.params->>'batchId' = ${String(f.batchId)}`);
  if (f.regionPrefix) q = q.where('f.region_code', 'like', `${f.regionPrefix}%`);
  if (f.from) q = q.where(sql<boolean>`f.detected_at >= ${f.from}::date`);
  if (f.to) q = q.where(sql<boolean>`f.detected_at < ${f.to}::date + 1`);
  return q;
}

/** Quality flags (migration 0006): written by the production service, read by dossiers, alerts and the risk engine. */
export const qualityFlagsRepository = {
  /** Stores findings; one already stored (same rule and subject) is left as it is. Returns the ids of the new flags. */
  async record(db: Kysely<DB>, owner: { organizationId: number; regionCode: string }, findings: QualityFlagFinding[]): Promise<number[]> {
    if (!findings.length) return [];
    const rows = await db
      .insertInto('quality_flags')
      .values(findings.map((f) => ({ rule: f.rule, subject_type: f.subjectType, subject_key: f.subjectKey, organization_id: owner.organizationId, region_code: owner.regionCode, params: JSON.stringify(f.params) })))
      .onConflict((oc) => oc.columns(['rule', 'subject_type', 'subject_key']).doNothing())
      .returning('id')
      .execute();
    return rows.map((r) => Number(r.id));
  },

  async list(db: Kysely<DB>, scope: DataScope, f: QualityFlagFilter, page: { limit: number; offset: number }, direction: 'asc' | 'desc' = 'desc') {
    const [items, total] = await Promise.all([
      base(db, scope, f).select(columns).orderBy('f.detected_at', direction).orderBy('f.id', direction).limit(page.limit).offset(page.offset).execute(),
      base(db, scope, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items.map(row), total: Number(total.n) };
  },

  /** Every flag about one batch (its material uses, its release, its lot). */
  async ofBatch(db: Kysely<DB>, batchId: number): Promise<QualityFlagRow[]> {
    return (await base(db, { kind: 'all' }, { batchId }).select(columns).orderBy('f.id').execute()).map(row);
  },
};
