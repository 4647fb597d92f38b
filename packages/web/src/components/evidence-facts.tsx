import { formatIssue, isKnownCode, type Locale } from '../i18n/issue-words.ts';
import { Descriptions, List, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../format/time.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Internal keys (row ids) say nothing to a regulator: the evidence names things instead. */
const hidden = (k: string) => k === 'id' || /Ids?$/.test(k) || k === 'nameEn' || k === 'version';
const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function label(t: TFunction, key: string): string {
  // An unknown key still reads as words: `lateByHours` → `late by hours`.
  return t(`facts.${key}`, { defaultValue: key.replace(/([a-z])([A-Z0-9])/g, '$1 $2').toLowerCase() });
}

function number(v: number): string {
  return Number.isInteger(v) ? v.toLocaleString() : String(Math.round(v * 10_000) / 10_000);
}

/** A test item or any named thing with a value, in one line: `熔喷层细菌过滤效率（BFE） 93.1 %（≥ 95）`. */
function inline(t: TFunction, o: JsonObject, locale: Locale): string {
  if (isRate(o)) return rateText(t, o);
  if (typeof o.name === 'string' && typeof o.measuredValue === 'number') {
    const limit = [o.lowerLimit !== null && o.lowerLimit !== undefined ? `≥ ${String(o.lowerLimit)}` : '', o.upperLimit !== null && o.upperLimit !== undefined ? `≤ ${String(o.upperLimit)}` : ''].filter(Boolean).join(', ');
    return `${o.name} ${o.measuredValue} ${typeof o.unit === 'string' ? o.unit : ''}${limit ? `（${limit}）` : ''}${typeof o.standard === 'string' ? ` ${o.standard}` : ''}`;
  }
  if (typeof o.name === 'string') return locale === 'en' && typeof o.nameEn === 'string' ? o.nameEn : o.name;
  return Object.entries(o).filter(([k]) => !hidden(k)).map(([k, v]) => `${label(t, k)} ${isObject(v) ? inline(t, v, locale) : text(t, k, v, locale, o)}`).join(' · ');
}

/** A measured rate (`{ value, per, numeratorCount, denominatorCount }`) as a regulator says it: 35.48 per 100 (11 of 31). */
function isRate(v: Json | undefined): boolean {
  return isObject(v) && typeof v.value === 'number' && typeof v.numeratorCount === 'number' && typeof v.denominatorCount === 'number';
}
function rateText(t: TFunction, v: JsonObject): string {
  const value = Math.round(Number(v.value) * 100) / 100;
  return typeof v.per === 'number' ? t('facts.rate', { value, per: v.per, num: v.numeratorCount, den: v.denominatorCount }) : t('facts.fraction', { value, num: v.numeratorCount, den: v.denominatorCount });
}

/** An issue code as evidence carries it (`epcis.rule.registration_invalid`): said in words by the core catalogue. */
const ISSUE_CODE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/** A message's params from the facts beside it, each said as the evidence says it (`lot` → MK00101, `reason` → 已过期). */
function paramsOf(t: TFunction, siblings: JsonObject | undefined, locale: Locale): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(siblings ?? {})) if (v !== null && !isObject(v) && !Array.isArray(v)) params[k] = text(t, k, v, locale);
  return params;
}

/** A catalogue message with the params it was given; a placeholder nothing fills is left out rather than shown. */
function issueWords(code: string, params: Record<string, string>, locale: Locale): string {
  return formatIssue({ code, params }, locale).message.replace(/\{\w+\}/g, '').replace(/\s{2,}/g, ' ').trim();
}

function text(t: TFunction, key: string, v: Json, locale: Locale, siblings?: JsonObject): string {
  if (v === null) return '—';
  if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
  if (typeof v === 'number') return number(v);
  if (typeof v === 'string') {
    if (INSTANT.test(v)) return formatInstant(v);
    if (key === 'reason') return t(`facts.reasons.${v}`, { defaultValue: v });
    if (key === 'prior') return t(`facts.priors.${v}`, { defaultValue: v });
    if (key === 'flag') return issueWords(`quality_flag.${v}`, paramsOf(t, siblings, locale), locale);
    if (ISSUE_CODE.test(v) && isKnownCode(v, locale)) return issueWords(v, paramsOf(t, siblings, locale), locale);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => (isObject(x) ? inline(t, x, locale) : text(t, key, x, locale))).join('；');
  return inline(t, v, locale);
}

/**
 * An alert's evidence as facts a regulator reads: each field with a label from the catalogue,
 * instants in Shanghai time, named things by name, lists of things one per line, internal ids left
 * out. Evidence differs by source (rules, indicators, signals), so this reads whatever it gets.
 */
export function EvidenceFacts({ evidence }: { evidence: unknown }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  if (!isObject(evidence as Json)) return <>{text(t, '', evidence as Json, locale)}</>;
  const entries = Object.entries(evidence as JsonObject).filter(([k]) => !hidden(k));
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="evidence-facts">
      {entries.map(([k, v]) => (
        <Descriptions.Item key={k} label={label(t, k)} span={Array.isArray(v) || isObject(v) ? 'filled' : 1}>
          {Array.isArray(v) && v.some(isObject)
            ? <List size="small" dataSource={v} renderItem={(x) => <List.Item data-content>{isObject(x) ? inline(t, x, locale) : text(t, k, x, locale)}</List.Item>} />
            : isObject(v) && !('name' in v) && !isRate(v) ? <EvidenceFacts evidence={v} /> : <span data-content>{text(t, k, v, locale, evidence as JsonObject)}</span>}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** The attribution's factors: each with its words and the weight it added (positive: quality, negative: use). */
export function AttributionFactors({ evidence }: { evidence: unknown[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <List size="small" data-testid="attribution-factors" dataSource={evidence.filter(isObject as (x: unknown) => x is JsonObject)} renderItem={(f) => (
      <List.Item>
        <span>{t(`facts.factors.${String(f.factor)}`, { defaultValue: String(f.factor) })}</span>
        <span>
          {isObject(f.detail) && <span style={{ marginRight: 8 }}>{inline(t, f.detail, locale)}</span>}
          <Tag color={Number(f.weight) >= 0 ? 'volcano' : 'blue'}>{t('facts.weight')} {Number(f.weight) > 0 ? '+' : ''}{String(f.weight)}</Tag>
        </span>
      </List.Item>
    )} />
  );
}

/** What raised an alert, in words: a rule's catalogue text (core/locales `alerts.rule.*`), a signal's kind, an indicator's name. */
export function sourceText(t: TFunction, locale: Locale, source: string, evidence: unknown): string {
  const [kind = '', ...rest] = source.split('.');
  const name = rest.join('.');
  if (kind === 'rule') {
    const text = formatIssue({ code: `alerts.rule.${name}`, params: { label: '' } }, locale).message.replace(/[：:]\s*$/, '');
    return text.startsWith('alerts.') || text === formatIssue({ code: 'alerts.rule.__none__' }, locale).message ? source : text;
  }
  if (kind === 'signal') return t(`facts.signals.${name}`, { defaultValue: source });
  const indicator = isObject(evidence as Json) ? (evidence as JsonObject).indicator : undefined;
  if (kind === 'indicator' && isObject(indicator) && typeof indicator.name === 'string') {
    return t('facts.indicatorSource', { name: locale === 'en' && typeof indicator.nameEn === 'string' ? indicator.nameEn : indicator.name });
  }
  return source;
}
