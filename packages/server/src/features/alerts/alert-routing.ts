import { computeDeadline, type DeadlineRule, type WorkingDayCalendar } from '@lianjian/core';
import { alertPolicyRuleCode, levelOf, officeRegion, type AlertGrade, type AlertLevel } from '@lianjian/core/rules/compliance/alert-policy';
import type { AppDeps } from '../../app-context.ts';
import { CalendarService } from '../calendar/calendar.service.ts';

/**
 * The clock alerts run on (raised, deadlines, overdue, escalation). A seam for tests, which move it
 * forward to make alerts overdue; nothing else replaces it.
 */
export const alertClock = { now: (): Date => new Date() };

/** The routing policy in force: per grade, the deadline rule (its `responsible` is the level) and the calendar. */
export interface AlertPolicy {
  rules: Map<AlertGrade, DeadlineRule>;
  calendar: WorkingDayCalendar;
}

const FALLBACK: Record<AlertGrade, DeadlineRule> = {
  critical: { code: 'alert.verify.critical', amount: 24, unit: 'hours', from: 'raised_at', responsible: 'province' },
  major: { code: 'alert.verify.major', amount: 2, unit: 'working_days', from: 'raised_at', responsible: 'province' },
  general: { code: 'alert.verify.general', amount: 3, unit: 'working_days', from: 'raised_at', responsible: 'city' },
};

/** Reads the policy from deadline_rules (editable by the system admin) and the working-day calendar. */
export async function loadAlertPolicy(deps: AppDeps): Promise<AlertPolicy> {
  const calendars = new CalendarService(deps);
  const rules = new Map<AlertGrade, DeadlineRule>();
  for (const grade of ['general', 'major', 'critical'] as const) rules.set(grade, (await calendars.rule(alertPolicyRuleCode(grade))) ?? FALLBACK[grade]);
  return { rules, calendar: await calendars.calendar() };
}

/** Where an alert of a grade about a place goes first, and by when it must be verified. */
export function route(policy: AlertPolicy, grade: AlertGrade, originRegionCode: string, raisedAt: Date): { level: AlertLevel; regionCode: string; deadline: Date; rule: string } {
  const rule = policy.rules.get(grade) ?? FALLBACK[grade];
  const level = levelOf(rule.responsible);
  return { level, regionCode: officeRegion(originRegionCode, level), deadline: computeDeadline(rule, raisedAt, policy.calendar).at, rule: rule.code };
}

/** A fresh deadline at another level (escalation): the grade's period again, from now. */
export function rerouteTo(policy: AlertPolicy, grade: AlertGrade, level: AlertLevel, originRegionCode: string, now: Date) {
  const rule = policy.rules.get(grade) ?? FALLBACK[grade];
  return { level, regionCode: officeRegion(originRegionCode, level), deadline: computeDeadline(rule, now, policy.calendar).at };
}
