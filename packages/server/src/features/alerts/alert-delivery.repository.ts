import { ALERT_GRADES } from '@lianjian/core/rules/compliance/alert-policy';
import { sql, type Kysely } from 'kysely';
import type { AlertGradeValue, DB } from '../../db/schema.ts';

/** SQL of outbound delivery: which subscriptions an alert-feed entry goes to, and the delivery queue. */
export const alertDeliveryRepository = {
  /** Feed entries worth a notification (new alerts, escalations) in (after, upTo]. */
  async notifiableEventsAfter(db: Kysely<DB>, after: number, upTo: number, limit: number) {
    return db.selectFrom('alert_events as e').innerJoin('alerts as a', 'a.id', 'e.alert_id')
      .select(['e.seq', 'e.alert_id as alertId', 'e.kind', 'a.grade', 'a.department', 'a.origin_region_code as originRegionCode'])
      .where('e.seq', '>', after).where('e.seq', '<=', upTo).where('e.kind', 'in', ['created', 'escalated']).orderBy('e.seq').limit(limit).execute();
  },

  /** Active subscriptions whose jurisdiction holds the place, from their minimum grade, for the department (or all). */
  async matchingSubscriptions(db: Kysely<DB>, m: { originRegionCode: string; grade: AlertGradeValue; department: string }) {
    const grades = ALERT_GRADES.slice(0, ALERT_GRADES.indexOf(m.grade) + 1);
    return db.selectFrom('alert_subscriptions').select(['id'])
      .where('active', '=', true)
      .where('min_grade', 'in', grades)
      .where((eb) => eb.or([eb('department', 'is', null), eb('department', '=', m.department)]))
      // The office's jurisdiction prefix: 330000 → 33, 330100 → 3301, 000000 → everything.
      .where(sql<boolean>`${m.originRegionCode} like (case when jurisdiction_code in ('000000', '100000') then '' when jurisdiction_code like '%0000' then substr(jurisdiction_code, 1, 2) when jurisdiction_code like '%00' then substr(jurisdiction_code, 1, 4) else jurisdiction_code end) || '%'`)
      .execute();
  },

  async enqueue(db: Kysely<DB>, rows: { subscriptionId: number; eventSeq: number; alertId: number }[]): Promise<void> {
    if (!rows.length) return;
    await db.insertInto('alert_deliveries').values(rows.map((r) => ({ subscription_id: r.subscriptionId, event_seq: r.eventSeq, alert_id: r.alertId })))
      .onConflict((oc) => oc.columns(['subscription_id', 'event_seq']).doNothing()).execute();
  },

  /**
   * Claims due deliveries: takes an attempt and leases them for `leaseMs`, so another worker (or a
   * crash) does not send twice at once; a lease that runs out makes the delivery due again.
   */
  async claimDue(db: Kysely<DB>, now: Date, leaseMs: number, limit: number) {
    const due = await db.selectFrom('alert_deliveries').select('id').where('status', '=', 'pending').where('next_attempt_at', '<=', now)
      .orderBy('id').limit(limit).forUpdate().skipLocked().execute();
    if (!due.length) return [];
    return db.updateTable('alert_deliveries as d')
      .from('alert_subscriptions as s')
      .set((eb) => ({ attempts: eb('d.attempts', '+', 1), next_attempt_at: new Date(now.getTime() + leaseMs) }))
      .whereRef('s.id', '=', 'd.subscription_id')
      .where('d.id', 'in', due.map((d) => d.id))
      .returning(['d.id', 'd.delivery_id as deliveryId', 'd.event_seq as seq', 'd.alert_id as alertId', 'd.attempts', 's.channel', 's.target', 's.secret'])
      .execute();
  },

  async eventKind(db: Kysely<DB>, seq: number) {
    const r = await db.selectFrom('alert_events').select('kind').where('seq', '=', seq).executeTakeFirst();
    return r?.kind ?? 'created';
  },

  async markSent(db: Kysely<DB>, id: number, now: Date): Promise<void> {
    await db.updateTable('alert_deliveries').set({ status: 'sent', sent_at: now, last_error: null }).where('id', '=', id).execute();
  },

  async markFailed(db: Kysely<DB>, id: number, u: { final: boolean; nextAttemptAt: Date; error: string }): Promise<void> {
    await db.updateTable('alert_deliveries').set({ status: u.final ? 'failed' : 'pending', next_attempt_at: u.nextAttemptAt, last_error: u.error }).where('id', '=', id).execute();
  },
};
