/**
 * Words for the capture codes this feature adds (business rules, capture limits, scope). They belong
 * in core's locale catalogues (packages/core/src/locales/*\/epcis.ts); they live here until that
 * file's owner merges them, and `renderIssue` falls back to core for every other code.
 */
import { formatIssue, type Issue, type Locale } from '@lianjian/core';

type Catalogue = Record<string, { message: string; hint?: string }>;

const zh: Catalogue = {
  'epcis.rule.di_unregistered': { message: '产品标识 {di} 未在本平台注册', hint: '请先登记该产品及其 UDI-DI，或检查标识是否正确' },
  'epcis.rule.registration_invalid': { message: '产品标识 {di} 的注册证 {registration} 在事件日期 {date} 无效（{reason}）', hint: '请核对注册证的状态和有效期' },
  'epcis.rule.location_unknown': { message: '位置 {value} 不属于任何已登记的单位', hint: '请使用已登记单位或其场所的 GLN / SGLN' },
  'epcis.rule.party_unknown': { message: '参与方 {value} 不是已登记的单位', hint: '请使用已登记单位的 GLN（PGLN）' },
  'epcis.rule.shipper_unlicensed': { message: '发货单位 {organizationId} 在 {date} 没有覆盖第 {managementClass} 类产品的有效{required}', hint: '发货单位须持有有效的经营许可（三类）、经营备案（二类）或生产许可（生产企业）' },
  'epcis.capture.too_many_events': { message: '文档包含 {count} 个事件，超过上限 {limit}', hint: '请拆分为多个文档提交' },
  'epcis.capture.invalid_document': { message: 'EPCIS 文档有 {count} 处结构错误', hint: '请按 errors 中列出的事件、字段和规则修改后重新提交' },
  'epcis.capture.out_of_scope': { message: '第 {event} 个事件不在您单位的场所或参与方范围内', hint: '单位只能提交本单位场所发生的、或本单位为参与方的事件' },
  'epcis.capture.unsupported_version': { message: '不支持 GS1-EPCIS-Version {version}', hint: '请使用 2.0.0' },
  'epcis.query.invalid_token': { message: '分页标记无效', hint: '请使用上一页返回的 nextPageToken' },
  'epcis.query.invalid_epc': { message: '{value} 不是可识别的 EPC 或 Digital Link', hint: '请使用 URL 编码后的 EPC URN 或 GS1 Digital Link' },
};

const en: Catalogue = {
  'epcis.rule.di_unregistered': { message: 'Product identifier {di} is not registered on the platform', hint: 'Register the product and its UDI-DI first, or check the identifier' },
  'epcis.rule.registration_invalid': { message: 'The registration {registration} of {di} is not valid on the event date {date} ({reason})', hint: 'Check the registration status and validity period' },
  'epcis.rule.location_unknown': { message: 'Location {value} belongs to no registered organisation', hint: 'Use the GLN / SGLN of a registered organisation or its site' },
  'epcis.rule.party_unknown': { message: 'Party {value} is not a registered organisation', hint: "Use the registered organisation's GLN (PGLN)" },
  'epcis.rule.shipper_unlicensed': { message: 'Shipper {organizationId} holds no valid {required} covering class {managementClass} on {date}', hint: 'Shippers need a distribution licence (class III), a distribution filing (class II) or, as manufacturers, their production licence' },
  'epcis.capture.too_many_events': { message: 'The document holds {count} events, more than the limit of {limit}', hint: 'Split it into several documents' },
  'epcis.capture.invalid_document': { message: 'The EPCIS document has {count} structural problems', hint: 'Correct the events, fields and rules listed in errors and submit again' },
  'epcis.capture.out_of_scope': { message: "Event {event} is neither at your organisation's locations nor for your organisation", hint: 'An organisation captures only events at its own locations or for its own parties' },
  'epcis.capture.unsupported_version': { message: 'GS1-EPCIS-Version {version} is not supported', hint: 'Use 2.0.0' },
  'epcis.query.invalid_token': { message: 'Invalid page token', hint: 'Use the nextPageToken of the previous page' },
  'epcis.query.invalid_epc': { message: '{value} is not a recognised EPC or Digital Link', hint: 'Send a URL-encoded EPC URN or GS1 Digital Link' },
};

const CATALOGUES: Record<Locale, Catalogue> = { 'zh-CN': zh, en };

/** Renders an issue in the caller's language: this feature's codes here, everything else through core. */
export function renderIssue(issue: Issue, locale: Locale): { message: string; hint?: string } {
  const template = CATALOGUES[locale][issue.code];
  if (!template) return formatIssue(issue, locale);
  const params: Record<string, unknown> = { field: issue.path?.join('.') ?? '', ...issue.params };
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (whole, k: string) => (params[k] === undefined || params[k] === null ? whole : String(params[k])));
  return template.hint ? { message: fill(template.message), hint: fill(template.hint) } : { message: fill(template.message) };
}

/** The codes this file renders (a test checks both languages cover the same ones). */
export const FEATURE_CODES = { zh: Object.keys(zh).sort(), en: Object.keys(en).sort() };
