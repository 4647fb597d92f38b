// The message catalogues and how issues are worded, without the catalogues themselves (see registerCatalogues).
import type { Issue } from '../errors.ts';
import { formatWords } from './format-words.ts';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** One message: `message` says what is wrong, `hint` how to fix it. `{name}` is replaced by params.name. */
export interface MessageTemplate {
  message: string;
  hint?: string;
}
export type Catalogue = Record<string, MessageTemplate>;

const catalogues: Record<Locale, Catalogue> = { 'zh-CN': {}, en: {} };

/**
 * Adds a language's message modules (`./zh-CN/index.ts`, `./en/index.ts`). The server registers
 * both at start (./index.ts); the web app registers zh-CN at start and English when a user switches
 * to it, so the first page does not carry the other language's messages.
 */
export function registerCatalogues(locale: Locale, modules: Record<string, Catalogue>): void {
  catalogues[locale] = Object.assign({}, catalogues[locale], ...Object.values(modules)) as Catalogue;
}

/** True when the locale's catalogue has words for this code. */
export function isKnownCode(code: string, locale: Locale): boolean {
  return code in catalogues[locale];
}

/** Picks zh-CN or en from an Accept-Language header; zh-CN is the default for anything else. */
export function negotiateLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...attrs] = part.trim().split(';');
      const q = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

function interpolate(template: string, params: Issue['params']): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params?.[key];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** Params said in words by `term.*` entries (locales/…/terms.ts): `role` → `{roleName}`; unknown values stay as sent. */
const TERMS: readonly (readonly [string, string])[] = [['role', 'role'], ['type', 'organization_type'], ['objectType', 'object_type'], ['kind', 'license_kind'], ['requestStatus', 'identity_request_status']];

/** Renders an issue in a locale. Unknown codes fall back to a generic message that still names the code. */
export function formatIssue(issue: Issue, locale: Locale): { message: string; hint?: string } {
  let template = catalogues[locale][issue.code] ?? catalogues[locale]['generic.invalid'];
  if (!template) return { message: issue.code };
  const params: NonNullable<Issue['params']> = { code: issue.code, field: issue.path?.join('.') ?? '', ...issue.params };
  // A format given as a regex is said in words (13 位数字), or left out when we have none; params keep the regex.
  if (issue.code === 'generic.format' && typeof params.format === 'string') {
    const words = formatWords(params.format);
    const described = words && catalogues[locale][words.code];
    if (described) {
      params.format = interpolate(described.message, words.params);
      template = catalogues[locale]['generic.format_described'] ?? template;
    } else if (words === null) {
      template = catalogues[locale]['generic.format_unstated'] ?? template;
    }
  }
  // People count events from 1; `event` is the eventList index (0-based), which the issue's path also carries.
  if (typeof params.event === 'number') params.eventNumber = params.event + 1;
  // Likewise characters: identifier issues carry `position` as a 0-based offset in the text as typed
  // (GS1 conformance counts so); their messages say `positionNumber`, the character a person counts to.
  if (typeof params.position === 'number') params.positionNumber = params.position + 1;
  // Roles, organisation types and object types arrive as API codes (regulator); messages say them in words (监管人员).
  for (const [param, term] of TERMS) {
    const value = params[param];
    if (typeof value === 'string' && params[`${param}Name`] === undefined) params[`${param}Name`] = catalogues[locale][`term.${term}.${value}`]?.message ?? value;
  }
  // A reason that is itself an issue code (see causeParams) is said in words, not as the code.
  const reason = typeof params.reason === 'string' ? catalogues[locale][params.reason] : undefined;
  if (reason) {
    const words = interpolate(reason.message, params);
    // Stored issues from before causeParams carry the code alone: keep the code rather than show blanks.
    if (!/\{\w+\}/.test(words)) params.reason = words;
  }
  const out: { message: string; hint?: string } = { message: interpolate(template.message, params) };
  if (template.hint) out.hint = interpolate(template.hint, params);
  return out;
}

/**
 * A code of the API (a licence kind, an organisation type) in words, from the `term.*` catalogue;
 * the code itself when the catalogue has no words for it.
 * @example termText('license_kind', 'distribution_filing', 'zh-CN') === '经营备案凭证'
 */
export function termText(group: 'role' | 'organization_type' | 'object_type' | 'license_kind' | 'identity_request_status', value: string, locale: Locale): string {
  return catalogues[locale][`term.${group}.${value}`]?.message ?? value;
}

/** Every code known to a locale (tests check that zh-CN and en cover the same codes). */
export function knownCodes(locale: Locale): string[] {
  return Object.keys(catalogues[locale]).sort();
}
