import { formatIssue, knownCodes, type Locale } from '@lianjian/core';
import type { AlertView } from './alerts.service.ts';

/** One notification about one alert-feed entry, as every outbound channel sends it. */
export interface AlertMessage {
  /** Unique per (subscription, feed entry): receivers deduplicate retries on it. */
  deliveryId: string;
  seq: number;
  kind: 'created' | 'updated' | 'status' | 'escalated';
  alert: AlertView;
}

export interface ChannelTarget {
  target: string;
  /** Webhook signing key; never logged, never part of an error. */
  secret: string | null;
}

/**
 * An outbound channel (e-mail, webhook; an SMS gateway is a webhook). `send` resolves when the
 * receiver accepted the message and throws when it should be retried.
 */
export interface AlertChannel {
  readonly channel: 'email' | 'webhook';
  send(target: ChannelTarget, message: AlertMessage): Promise<void>;
}

/** Subject line in zh-CN (the offices' language) with the English after it. */
export function messageSubject(m: AlertMessage): string {
  const one = (locale: Locale) => {
    const grade = formatIssue({ code: `alerts.grade.${m.alert.grade}` }, locale).message;
    // Rules have a title; a statistical signal's source (e.g. signal.surge) is shown as it is.
    const code = `alerts.${m.alert.source}`;
    const title = knownCodes(locale).includes(code) ? formatIssue({ code, params: { label: m.alert.subject.label } }, locale).message : `${m.alert.source}: ${m.alert.subject.label}`;
    return formatIssue({ code: 'alerts.notification.subject', params: { grade, title } }, locale).message;
  };
  return one('zh-CN');
}

/** Plain-text body: what, where, who is responsible, by when; both languages. */
export function messageText(m: AlertMessage): string {
  const a = m.alert;
  const label = (code: string, locale: Locale) => formatIssue({ code }, locale).message;
  return [
    `${messageSubject(m)}`,
    '',
    `预警编号 Alert: ${a.id} (${m.kind})`,
    `等级 Grade: ${label(`alerts.grade.${a.grade}`, 'zh-CN')} / ${a.grade}`,
    `对象 Subject: ${a.subject.label}`,
    `责任机构 Office: ${a.regionCode} ${label(`alerts.level.${a.level}`, 'zh-CN')} / ${a.level}`,
    `部门 Department: ${label(`alerts.department.${a.department}`, 'zh-CN')} / ${label(`alerts.department.${a.department}`, 'en')}`,
    `核查时限 Deadline: ${a.deadline}`,
    `状态 Status: ${a.status}`,
    '',
    `投递编号 Delivery: ${m.deliveryId}`,
  ].join('\n');
}
