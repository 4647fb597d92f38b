import { OPEN_ALERT_STATUSES } from '@lianjian/core/rules/compliance/alert-policy';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AlertGradeValue, AlertLevelValue, AlertStatusValue, AlertsTable, DB } from '../../db/schema.ts';
import type { DataScope } from '../auth/data-scope.ts';

export interface AlertRow {
  id: number;
  dedupKey: string;
  source: string;
  grade: AlertGradeValue;
  status: AlertStatusValue;
  subjectType: AlertsTable['subject_type'];
  subjectKey: string;
  subjectLabel: string;
  subjectDi: string | null;
  subjectLot: string | null;
  subjectSerial: string | null;
  subjectOrganizationId: number | null;
  subjectOrganizationName: string | null;
  originRegionCode: string;
  regionCode: string;
  level: AlertLevelValue;
  department: AlertsTable['department'];
  deadline: Date;
  deadlineRule: string;
  occurredAt: Date;
  occurrences: number;
  lastSeenAt: Date;
  evidence: unknown;
  attribution: unknown;
  dismissReason: string | null;
  escalationCount: number;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** For the caller: read in the inbox (false when the list was not asked for a user). */
  read: boolean;
}

export interface NewAlert {
  dedupKey: string;
  source: string;
  grade: AlertGradeValue;
  subjectType: AlertsTable['subject_type'];
  subjectKey: string;
  subjectLabel: string;
  subjectDi: string | null;
  subjectLot: string | null;
  subjectSerial: string | null;
  subjectOrganizationId: number | null;
  originRegionCode: string;
  regionCode: string;
  level: AlertLevelValue;
  department: AlertsTable['department'];
  deadline: Date;
  deadlineRule: string;
  occurredAt: Date;
  now: Date;
  evidence: unknown;
  attribution: unknown;
}

export interface AlertFilter {
  grade?: AlertGradeValue;
  status?: AlertStatusValue;
  /** Only open alerts (new, acknowledged, verifying). */
  open?: boolean;
  department?: AlertsTable['department'];
  /** GB/T 2260 prefix of where it happened. */
  regionPrefix?: string;
  level?: AlertLevelValue;
  source?: string;
  /** Open and past the deadline at `now`. */
  overdue?: { value: boolean; now: Date };
  /** Inbox: only alerts this user has (not) read. */
  unreadBy?: number;
}

export type AlertSort = 'a.id' | 'a.created_at' | 'a.deadline' | 'a.grade_rank' | 'a.updated_at' | 'a.last_seen_at';

export interface HistoryRow {
  id: number;
  kind: 'raised' | 'recurred' | 'action' | 'escalated';
  action: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  fromLevel: string | null;
  toLevel: string | null;
  comment: string | null;
  details: unknown;
  actorType: 'user' | 'token' | 'system';
  actorId: number | null;
  actorName: string | null;
  at: Date;
}

export interface NewHistory {
  alertId: number;
  kind: HistoryRow['kind'];
  action?: string | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  fromLevel?: string | null;
  toLevel?: string | null;
  comment?: string | null;
  details?: Record<string, unknown>;
  actor: { type: 'user' | 'token' | 'system'; id: number | null; name: string | null };
  at: Date;
}

const OPEN = [...OPEN_ALERT_STATUSES] as AlertStatusValue[];
// ON CONFLICT infers the partial unique index from its predicate, which must be literal (not parameters).
const OPEN_PREDICATE = sql<boolean>`status in ('new', 'acknowledged', 'verifying')`;

/** Alerts are regulators' business: a regulator sees those about places in its jurisdiction. */
export function visible(scope: DataScope): RawBuilder<boolean> {
  switch (scope.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'region':
      return sql<boolean>`a.origin_region_code like ${`${scope.prefix}%`}`;
    default:
      return sql<boolean>`false`;
  }
}

function base(db: Kysely<DB>, scope: DataScope, f: AlertFilter, userId: number | null) {
  let q = db
    .selectFrom('alerts as a')
    .leftJoin('organizations as o', 'o.id', 'a.subject_organization_id')
    .leftJoin('alert_reads as r', (j) => j.onRef('r.alert_id', '=', 'a.id').on('r.user_id', '=', userId ?? -1))
    .where(visible(scope));
  if (f.grade) q = q.where('a.grade', '=', f.grade);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.open !== undefined) q = f.open ? q.where('a.status', 'in', OPEN) : q.where('a.status', 'not in', OPEN);
  if (f.department) q = q.where('a.department', '=', f.department);
  if (f.regionPrefix) q = q.where('a.origin_region_code', 'like', `${f.regionPrefix}%`);
  if (f.level) q = q.where('a.level', '=', f.level);
  if (f.source) q = q.where('a.source', '=', f.source);
  if (f.overdue) {
    const { now } = f.overdue;
    q = f.overdue.value
      ? q.where('a.status', 'in', OPEN).where('a.deadline', '<', now)
      : q.where((eb) => eb.or([eb('a.status', 'not in', OPEN), eb('a.deadline', '>=', now)]));
  }
  if (f.unreadBy !== undefined) q = q.where('r.user_id', 'is', null);
  return q;
}

const columns = [
  'a.id', 'a.dedup_key as dedupKey', 'a.source', 'a.grade', 'a.status', 'a.subject_type as subjectType', 'a.subject_key as subjectKey',
  'a.subject_label as subjectLabel', 'a.subject_di as subjectDi', 'a.subject_lot as subjectLot', 'a.subject_serial as subjectSerial',
  'a.subject_organization_id as subjectOrganizationId', 'o.name as subjectOrganizationName', 'a.origin_region_code as originRegionCode',
  'a.region_code as regionCode', 'a.level', 'a.department', 'a.deadline', 'a.deadline_rule as deadlineRule', 'a.occurred_at as occurredAt',
  'a.occurrences', 'a.last_seen_at as lastSeenAt', 'a.evidence', 'a.attribution', 'a.dismiss_reason as dismissReason',
  'a.escalation_count as escalationCount', 'a.closed_at as closedAt', 'a.created_at as createdAt', 'a.updated_at as updatedAt',
] as const;

const withRead = <T extends { readAt?: unknown }>(rows: T[]) => rows.map(({ readAt, ...r }) => ({ ...r, read: readAt !== null && readAt !== undefined }));

export const alertsRepository = {
  async list(db: Kysely<DB>, scope: DataScope, f: AlertFilter, page: { limit: number; offset: number }, sort: { column: AlertSort; direction: 'asc' | 'desc' }, userId: number | null) {
    const order = sort.column === 'a.grade_rank' ? sql`case a.grade when 'critical' then 2 when 'major' then 1 else 0 end` : sql.ref(sort.column);
    const [items, total] = await Promise.all([
      base(db, scope, f, userId).select([...columns, 'r.read_at as readAt']).orderBy(order, sort.direction).orderBy('a.id', 'desc').limit(page.limit).offset(page.offset).execute(),
      base(db, scope, f, userId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: withRead(items) as AlertRow[], total: Number(total.n) };
  },

  async findById(db: Kysely<DB>, id: number, scope: DataScope, userId: number | null = null): Promise<AlertRow | undefined> {
    const rows = await base(db, scope, {}, userId).select([...columns, 'r.read_at as readAt']).where('a.id', '=', id).execute();
    return withRead(rows)[0] as AlertRow | undefined;
  },

  async lockById(db: Kysely<DB>, id: number, scope: DataScope): Promise<{ id: number; status: AlertStatusValue; originRegionCode: string } | undefined> {
    return db
      .selectFrom('alerts as a')
      .select(['a.id', 'a.status', 'a.origin_region_code as originRegionCode'])
      .where('a.id', '=', id)
      .where(visible(scope))
      .forUpdate()
      .executeTakeFirst();
  },

  /** The open alert of a dedup key, locked for the update that follows. */
  async lockOpenByDedupKey(db: Kysely<DB>, dedupKey: string) {
    return db
      .selectFrom('alerts')
      .select(['id', 'grade', 'status', 'origin_region_code as originRegionCode'])
      .where('dedup_key', '=', dedupKey)
      .where('status', 'in', OPEN)
      .forUpdate()
      .executeTakeFirst();
  },

  /** Inserts unless an open alert with the key exists (a concurrent producer won): then undefined. */
  async insertIfNoOpen(db: Kysely<DB>, a: NewAlert): Promise<number | undefined> {
    const r = await db
      .insertInto('alerts')
      .values({
        dedup_key: a.dedupKey, source: a.source, grade: a.grade, subject_type: a.subjectType, subject_key: a.subjectKey, subject_label: a.subjectLabel,
        subject_di: a.subjectDi, subject_lot: a.subjectLot, subject_serial: a.subjectSerial, subject_organization_id: a.subjectOrganizationId,
        origin_region_code: a.originRegionCode, region_code: a.regionCode, level: a.level, department: a.department, deadline: a.deadline,
        deadline_rule: a.deadlineRule, occurred_at: a.occurredAt, last_seen_at: a.now, created_at: a.now, updated_at: a.now,
        evidence: JSON.stringify(a.evidence), attribution: a.attribution === undefined || a.attribution === null ? null : JSON.stringify(a.attribution),
      })
      .onConflict((oc) => oc.column('dedup_key').where(OPEN_PREDICATE).doNothing())
      .returning('id')
      .executeTakeFirst();
    return r?.id;
  },

  async recordRecurrence(db: Kysely<DB>, id: number, u: { grade: AlertGradeValue; attribution: unknown; now: Date }): Promise<void> {
    await db
      .updateTable('alerts')
      .set((eb) => ({
        occurrences: eb('occurrences', '+', 1), last_seen_at: u.now, updated_at: u.now, grade: u.grade,
        ...(u.attribution !== undefined && u.attribution !== null && { attribution: JSON.stringify(u.attribution) }),
      }))
      .where('id', '=', id)
      .execute();
  },

  async setStatus(db: Kysely<DB>, id: number, u: { status: AlertStatusValue; dismissReason: string | null; closed: boolean; now: Date }): Promise<void> {
    await db
      .updateTable('alerts')
      .set({ status: u.status, updated_at: u.now, ...(u.dismissReason !== null && { dismiss_reason: u.dismissReason }), ...(u.closed && { closed_at: u.now }) })
      .where('id', '=', id)
      .execute();
  },

  /** Open alerts past their deadline, oldest deadline first, locked (skipping ones another worker holds). */
  async lockOverdue(db: Kysely<DB>, now: Date, limit: number) {
    return db
      .selectFrom('alerts')
      .select(['id', 'grade', 'level', 'region_code as regionCode', 'origin_region_code as originRegionCode', 'deadline'])
      .where('status', 'in', OPEN)
      .where('deadline', '<', now)
      .where('level', '<>', 'national')
      .orderBy('deadline')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
  },

  async escalate(db: Kysely<DB>, id: number, u: { level: AlertLevelValue; regionCode: string; deadline: Date; now: Date }): Promise<void> {
    await db
      .updateTable('alerts')
      .set((eb) => ({ level: u.level, region_code: u.regionCode, deadline: u.deadline, updated_at: u.now, escalation_count: eb('escalation_count', '+', 1) }))
      .where('id', '=', id)
      .execute();
  },

  async insertHistory(db: Kysely<DB>, h: NewHistory): Promise<void> {
    await db
      .insertInto('alert_history')
      .values({
        alert_id: h.alertId, kind: h.kind, action: h.action ?? null, from_status: h.fromStatus ?? null, to_status: h.toStatus ?? null,
        from_level: h.fromLevel ?? null, to_level: h.toLevel ?? null, comment: h.comment ?? null, details: JSON.stringify(h.details ?? {}),
        actor_type: h.actor.type, actor_id: h.actor.id, actor_name: h.actor.name, at: h.at,
      })
      .execute();
  },

  async history(db: Kysely<DB>, alertId: number): Promise<HistoryRow[]> {
    return db
      .selectFrom('alert_history')
      .select(['id', 'kind', 'action', 'from_status as fromStatus', 'to_status as toStatus', 'from_level as fromLevel', 'to_level as toLevel', 'comment', 'details', 'actor_type as actorType', 'actor_id as actorId', 'actor_name as actorName', 'at'])
      .where('alert_id', '=', alertId)
      .orderBy('id')
      .execute();
  },

  /** Appends to the feed (SSE, outbound delivery); returns the sequence number. */
  async insertEvent(db: Kysely<DB>, e: { alertId: number; kind: 'created' | 'updated' | 'status' | 'escalated'; originRegionCode: string }): Promise<number> {
    const r = await db.insertInto('alert_events').values({ alert_id: e.alertId, kind: e.kind, origin_region_code: e.originRegionCode }).returning('seq').executeTakeFirstOrThrow();
    return r.seq;
  },

  /** Feed entries in (afterSeq, upTo] in a scope, oldest first. */
  async eventsAfter(db: Kysely<DB>, scope: DataScope, afterSeq: number, upTo: number, limit: number) {
    let q = db.selectFrom('alert_events as e').select(['e.seq', 'e.alert_id as alertId', 'e.kind', 'e.created_at as createdAt']).where('e.seq', '>', afterSeq).where('e.seq', '<=', upTo);
    if (scope.kind === 'region') q = q.where('e.origin_region_code', 'like', `${scope.prefix}%`);
    else if (scope.kind !== 'all') return [];
    return q.orderBy('e.seq').limit(limit).execute();
  },

  async lastSeq(db: Kysely<DB>): Promise<number> {
    const r = await db.selectFrom('alert_events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    return Number(r?.seq ?? 0);
  },

  async markRead(db: Kysely<DB>, alertId: number, userId: number, now: Date): Promise<void> {
    await db.insertInto('alert_reads').values({ alert_id: alertId, user_id: userId, read_at: now }).onConflict((oc) => oc.columns(['user_id', 'alert_id']).doNothing()).execute();
  },
};
