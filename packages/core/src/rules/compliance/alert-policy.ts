/**
 * The alert model's pure parts: grades, office levels, routing to an office's region code, and the
 * lifecycle (which action moves an alert from which status to which). The server keeps the data;
 * these rules are shared with the browser, which shows only the actions that are allowed.
 */

export const ALERT_GRADES = ['general', 'major', 'critical'] as const;
/** 一般 general, 较大 major, 重大 critical. */
export type AlertGrade = (typeof ALERT_GRADES)[number];

export const ALERT_LEVELS = ['city', 'province', 'national'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export const ALERT_STATUSES = ['new', 'acknowledged', 'verifying', 'confirmed', 'dismissed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const OPEN_ALERT_STATUSES: readonly AlertStatus[] = ['new', 'acknowledged', 'verifying'];

export const ALERT_DEPARTMENTS = ['ae_monitoring', 'distribution_supervision', 'production_supervision', 'inspection_enforcement'] as const;
export type AlertDepartmentCode = (typeof ALERT_DEPARTMENTS)[number];

export const ALERT_ACTIONS = ['acknowledge', 'verify', 'confirm', 'dismiss'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

/** Where each action may start and where it leads. Closing (confirm / dismiss) is final. */
const TRANSITIONS: Record<AlertAction, { from: readonly AlertStatus[]; to: AlertStatus }> = {
  acknowledge: { from: ['new'], to: 'acknowledged' },
  verify: { from: ['new', 'acknowledged'], to: 'verifying' },
  confirm: { from: ['verifying'], to: 'confirmed' },
  dismiss: { from: ['new', 'acknowledged', 'verifying'], to: 'dismissed' },
};

/** The status an action leads to from `status`, or null when the action is not allowed there. @example nextStatus('new', 'confirm') === null */
export function nextStatus(status: AlertStatus, action: AlertAction): AlertStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(status) ? t.to : null;
}

/** The actions allowed in a status (for the UI's buttons and the 409 hint). */
export function allowedActions(status: AlertStatus): AlertAction[] {
  return ALERT_ACTIONS.filter((a) => nextStatus(status, a) !== null);
}

export function isOpenStatus(status: AlertStatus): boolean {
  return OPEN_ALERT_STATUSES.includes(status);
}

export function gradeRank(grade: AlertGrade): number {
  return ALERT_GRADES.indexOf(grade);
}

/** The deadline rule (migration 0003's deadline_rules) that holds a grade's level and verification period. */
export function alertPolicyRuleCode(grade: AlertGrade): string {
  return `alert.verify.${grade}`;
}

/** National office's region code (GB/T 2260 has no code for the country; 000000 is what scoping treats as national). */
export const NATIONAL_REGION_CODE = '000000';

/**
 * The region code of the office at `level` responsible for a place: the city (地级) or province
 * containing it, or the national office. Municipalities (北京 11…) have their 1101 city level.
 * @example officeRegion('330106', 'city') === '330100'; officeRegion('330106', 'province') === '330000'
 */
export function officeRegion(regionCode: string, level: AlertLevel): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`not a GB/T 2260 code: ${regionCode}`);
  if (level === 'national') return NATIONAL_REGION_CODE;
  if (level === 'province') return `${regionCode.slice(0, 2)}0000`;
  // A province's own code has no city: its city-level alert stays with the province.
  return regionCode.endsWith('0000') ? regionCode : `${regionCode.slice(0, 4)}00`;
}

/** The level an overdue alert escalates to, or null at the top. */
export function nextLevel(level: AlertLevel): AlertLevel | null {
  return level === 'city' ? 'province' : level === 'province' ? 'national' : null;
}

/** Level from a deadline rule's `responsible` party; anything that is not an office level routes to the province. */
export function levelOf(responsible: string | undefined | null): AlertLevel {
  return responsible === 'city' || responsible === 'national' ? responsible : 'province';
}
