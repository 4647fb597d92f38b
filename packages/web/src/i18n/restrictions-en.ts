import type { RestrictionsMessages } from './restrictions-zh-CN.ts';

/** Lot suspensions and recalls (lot dossier page) in English; the same keys as restrictions-zh-CN.ts. */
export const restrictionsEn: RestrictionsMessages = {
  title: 'Suspensions and recalls', empty: 'No suspension or recall of this lot.', order: 'Suspend sale and use / order a recall', voluntary: 'Voluntary recall', lift: 'Lift',
  kinds: { suspension: 'Sale and use suspended', recall: 'Recall' },
  levels: { 1: 'Level I recall', 2: 'Level II recall', 3: 'Level III recall' },
  kind: 'Measure', level: 'Recall level', reason: 'Reason', startedAt: 'Started', notifyBy: 'Notify by', status: 'Status', office: 'Recorded by office', liftedAt: 'Lifted', liftReason: 'Lift reason',
  active: 'In force', lifted: 'Lifted', voluntaryTag: 'By the registrant',
  levelHelp: 'Level I: may cause or has caused serious harm (notify within 1 day); II: temporary or reversible harm (3 days); III: harm unlikely (7 days)',
  reasonRequired: 'Please give the reason', levelRequired: 'A recall needs its level',
  confirmTitle: 'Apply "{{measure}}" to lot {{lot}}?', confirmBody: 'Once in force, any shipment, receipt or use of this lot raises an alert (returns to the registrant excepted).',
  liftTitle: 'Lift restriction {{id}}', liftConfirm: 'Lift it', done: 'Recorded', liftedDone: 'Lifted',
};
