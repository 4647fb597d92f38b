/**
 * The built-in deadline rules (DOMAIN.md, "Adverse events" and "Alerts in this platform").
 * The server seeds its configuration table from this list; administrators may change the
 * rules marked `configurable`. The adverse-event periods are set by regulation, so they are
 * data too, but not meant to be edited locally.
 */
import type { DeadlineRule } from './deadline-rules.ts';

const AE_ORDER = '医疗器械不良事件监测和再评价管理办法（国家市场监督管理总局 国家卫生健康委员会令第1号，2018）';
const PLATFORM = '链监平台预警规则（配置项）';

export const DEFAULT_DEADLINE_RULES: readonly DeadlineRule[] = [
  // Adverse events: the clock runs from the day the reporter knew of the event.
  { code: 'ae.death', amount: 7, unit: 'calendar_days', from: 'date_known', responsible: 'reporter', configurable: false, basis: AE_ORDER },
  // Also covers events that could have caused serious injury or death.
  { code: 'ae.serious_injury', amount: 20, unit: 'calendar_days', from: 'date_known', responsible: 'reporter', configurable: false, basis: AE_ORDER },
  { code: 'ae.abroad', amount: 30, unit: 'calendar_days', from: 'date_known', responsible: 'registrant', configurable: false, basis: AE_ORDER },
  // Cluster events (群体不良事件): phone/fax the provincial authority, then every case as an individual report.
  { code: 'ae.cluster.first_notice', amount: 12, unit: 'hours', from: 'date_known', responsible: 'reporter', configurable: false, basis: AE_ORDER },
  { code: 'ae.cluster.each_case', amount: 24, unit: 'hours', from: 'date_known', responsible: 'reporter', configurable: false, basis: AE_ORDER },
  { code: 'ae.cluster.registrant_investigation', amount: 7, unit: 'calendar_days', from: 'date_known', responsible: 'registrant', configurable: false, basis: AE_ORDER },
  // The registrant's investigation of a death, serious-injury or abroad event: the order fixes a period
  // for cluster events only, so this one is the platform's configurable seed (also seeded by migration 0010).
  { code: 'ae.registrant_investigation', amount: 20, unit: 'working_days', from: 'date_known', responsible: 'registrant', configurable: true, basis: '链监平台配置项：持有人对死亡、严重伤害及境外事件的调查报告时限（可调整）' },
  // Alert verification: the platform's own seed values; DOMAIN.md makes them configuration.
  { code: 'alert.verify.critical', amount: 24, unit: 'hours', from: 'raised_at', responsible: 'province', configurable: true, basis: PLATFORM },
  { code: 'alert.verify.major', amount: 2, unit: 'working_days', from: 'raised_at', responsible: 'province', configurable: true, basis: PLATFORM },
  { code: 'alert.verify.general', amount: 3, unit: 'working_days', from: 'raised_at', responsible: 'city', configurable: true, basis: PLATFORM },
];

/** Looks a rule up by code. @example findDeadlineRule('alert.verify.general')?.amount === 3 */
export function findDeadlineRule(code: string, rules: readonly DeadlineRule[] = DEFAULT_DEADLINE_RULES): DeadlineRule | undefined {
  return rules.find((r) => r.code === code);
}
