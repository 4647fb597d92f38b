import type { Issue, Result } from '../errors.ts';
import { aiLengthForPrefix, aiMatchesPattern, lookupAi, type AiDefinition } from './gs1-ai-table.ts';
import { lintComponent, lintCset, type LintError } from './gs1-linters.ts';
import { idIssue, type IdentifierIssueCode } from './identifier-issues.ts';

/** One AI and its value, as found in the input. */
export interface Gs1Element {
  ai: string;
  value: string;
  /** Character offset of the value in the parsed text (for issue positions). */
  position: number;
}

export interface Gs1Options {
  /** Accept AIs missing from the dictionary (their length must follow from their first two digits). */
  permitUnknownAIs?: boolean;
  /** Check repeated AIs, `req` and `ex` rules and the (8030) serialised-key rule (default true). */
  validateAssociations?: boolean;
}

/** GS (ASCII 29) is FNC1 in scanner output; `^` stands for FNC1 in the GS1 "data string" notation. */
export const GS = '\u001d';
const isFnc1 = (ch: string | undefined): boolean => ch === '^' || ch === GS;

const CHECK_LINTERS = new Set(['GS1_LINTER_INCORRECT_CHECK_DIGIT', 'GS1_LINTER_INCORRECT_CHECK_PAIR', 'GS1_LINTER_TOO_SHORT_FOR_CHECK_DIGIT', 'GS1_LINTER_TOO_SHORT_FOR_CHECK_PAIR']);
const CHARSET_LINTERS = new Set(['GS1_LINTER_NON_DIGIT_CHARACTER', 'GS1_LINTER_INVALID_CSET82_CHARACTER', 'GS1_LINTER_INVALID_CSET39_CHARACTER', 'GS1_LINTER_INVALID_CSET64_CHARACTER', 'GS1_LINTER_INVALID_CSET64_PADDING']);

function codeForLint(linter: string, e: LintError): IdentifierIssueCode {
  if (CHECK_LINTERS.has(e.error)) return 'gs1.check_digit';
  if (CHARSET_LINTERS.has(e.error)) return 'gs1.charset';
  if (/^y+mmd[d0]$/.test(linter) || e.error.includes('_DATE_')) return 'gs1.date';
  return 'gs1.value';
}

/**
 * Validates one AI value against the dictionary: component lengths, character sets and linters.
 * Returns the first problem, as the reference engine does, so one bad value gives one issue.
 * @example checkAiValue('01', '12345678901232', 4)?.code === 'gs1.check_digit'
 */
export function checkAiValue(ai: string, value: string, position: number, def: AiDefinition | undefined = lookupAi(ai)): Issue | null {
  if (!def) {
    // Unknown AIs (when permitted) are read as CSET 82, up to 90 characters like (91)–(99)
    const bad = lintCset('X', value);
    if (value.length === 0 || value.length > 90) return idIssue('gs1.length', { ai, position, expected: '1..90', actual: value.length });
    return bad ? idIssue('gs1.charset', { ai, position: position + bad.start, actual: value.slice(bad.start, bad.start + 1), rule: bad.error }) : null;
  }
  if (value.length > def.maxLength) {
    return idIssue('gs1.length', { ai, position, expected: lengthText(def), actual: value.length, rule: 'too_long' });
  }
  let offset = 0;
  for (const comp of def.components) {
    const remaining = value.length - offset;
    if (remaining === 0 && comp.optional) break;
    const take = comp.min === comp.max ? comp.max : Math.min(remaining, comp.max);
    if (remaining < take || take < comp.min || remaining === 0) {
      return idIssue('gs1.length', { ai, position, expected: lengthText(def), actual: value.length, rule: value.length === 0 ? 'empty' : 'incorrect_length' });
    }
    const part = value.slice(offset, offset + take);
    const lint = lintCset(comp.cset, part) ?? comp.linters.reduce<LintError | null>((found, l) => found ?? lintComponent(l, part), null);
    if (lint) {
      const linter = comp.linters.find((l) => lintComponent(l, part)?.error === lint.error) ?? `cset${comp.cset}`;
      return idIssue(codeForLint(linter, lint), {
        ai,
        position: position + offset + lint.start,
        actual: value.slice(offset + lint.start, offset + lint.start + lint.length),
        rule: lint.error,
      });
    }
    offset += take;
  }
  if (offset < value.length) {
    return idIssue('gs1.length', { ai, position, expected: lengthText(def), actual: value.length, rule: 'too_long' });
  }
  return null;
}

function lengthText(def: AiDefinition): string {
  return def.minLength === def.maxLength ? String(def.maxLength) : `${def.minLength}..${def.maxLength}`;
}

function unknownAiLength(digits: string): number | undefined {
  return /^\d{2}/.test(digits) ? aiLengthForPrefix(digits.slice(0, 2)) : undefined;
}

/**
 * Parses GS1 AI data in the bracketed human-readable form; `\(` is a literal bracket and `|`
 * separates the linear part from a composite part.
 * @example parseBracketedAiString('(01)10050428383077(17)150707(10)A213B1')
 */
export function parseBracketedAiString(text: string, options: Gs1Options = {}): Result<Gs1Element[]> {
  const elements: Gs1Element[] = [];
  const issues: Issue[] = [];
  let i = 0;
  if (text.length === 0) return { ok: false, issues: [idIssue('gs1.empty', { position: 0 })] };
  while (i < text.length) {
    if (text[i] !== '(') return { ok: false, issues: [...issues, idIssue('gs1.syntax', { position: i, expected: '(', actual: text[i] })] };
    const close = text.indexOf(')', i + 1);
    if (close < 0) return { ok: false, issues: [...issues, idIssue('gs1.syntax', { position: i, expected: ')' })] };
    const ai = text.slice(i + 1, close);
    const def = lookupAi(ai);
    const knownLength = unknownAiLength(ai);
    if (!def && !(options.permitUnknownAIs && /^\d{2,4}$/.test(ai) && (knownLength === undefined || knownLength === ai.length))) {
      return { ok: false, issues: [...issues, idIssue('gs1.unknown_ai', { ai, position: i + 1 })] };
    }
    let value = '';
    let j = close + 1;
    const valueStart = j;
    while (j < text.length && text[j] !== '(' && !(text[j] === '|' && text[j + 1] === '(')) {
      if (text[j] === '\\' && text[j + 1] === '(') {
        value += '(';
        j += 2;
      } else value += text[j++];
    }
    if (text[j] === '|') j++;
    elements.push({ ai, value, position: valueStart });
    i = j;
  }
  return finish(elements, options);
}

/**
 * Parses a GS1 element string whose FNC1 characters are written `^` or sent as GS (ASCII 29); a
 * leading FNC1 marks GS1 data. `|` separates a composite component (`…|^99…`).
 * @example parseGs1ElementString('^0110050428383077' + '\u001d' + '10A213B1')
 */
export function parseGs1ElementString(data: string, options: Gs1Options = {}): Result<Gs1Element[]> {
  if (!isFnc1(data[0])) return { ok: false, issues: [idIssue('gs1.syntax', { position: 0, expected: 'FNC1', rule: 'fnc1_first' })] };
  const elements: Gs1Element[] = [];
  let i = 1;
  while (i < data.length) {
    if (isFnc1(data[i])) {
      i++; // superfluous separators are tolerated, as scanners send them
      continue;
    }
    if (data[i] === '|' && isFnc1(data[i + 1])) {
      i += 2;
      continue;
    }
    let ai: string | undefined;
    for (const len of [2, 3, 4]) {
      if (lookupAi(data.slice(i, i + len))) {
        ai = data.slice(i, i + len);
        break;
      }
    }
    if (!ai && options.permitUnknownAIs) {
      const len = unknownAiLength(data.slice(i, i + 2));
      if (len && /^\d+$/.test(data.slice(i, i + len)) && i + len <= data.length) ai = data.slice(i, i + len);
    }
    if (!ai) return { ok: false, issues: [idIssue('gs1.unknown_ai', { ai: data.slice(i, i + 4), position: i })] };
    const def = lookupAi(ai);
    const start = i + ai.length;
    let end = start;
    const limit = def?.fixedLength ? Math.min(data.length, start + def.maxLength) : data.length;
    while (end < limit && !isFnc1(data[end]) && !(data[end] === '|' && isFnc1(data[end + 1]))) end++;
    elements.push({ ai, value: data.slice(start, end), position: start });
    i = end;
  }
  if (elements.length === 0) return { ok: false, issues: [idIssue('gs1.empty', { position: 0 })] };
  return finish(elements, options);
}

function finish(elements: Gs1Element[], options: Gs1Options): Result<Gs1Element[]> {
  const issues = validateGs1Elements(elements, options);
  return issues.length ? { ok: false, issues } : { ok: true, value: elements };
}

/**
 * All problems with a list of AI elements: values (length, character set, check digits, dates, …)
 * and, unless switched off, the association rules between AIs.
 * @example validateGs1Elements([{ ai: '21', value: 'X', position: 0 }]) // → gs1.requires (01 or 8006 …)
 */
export function validateGs1Elements(elements: readonly Gs1Element[], options: Gs1Options = {}): Issue[] {
  const issues: Issue[] = [];
  for (const el of elements) {
    const def = lookupAi(el.ai);
    if (!def && !options.permitUnknownAIs) {
      issues.push(idIssue('gs1.unknown_ai', { ai: el.ai, position: el.position }));
      continue;
    }
    const problem = checkAiValue(el.ai, el.value, el.position, def);
    if (problem) issues.push(problem);
  }
  if (issues.length === 0 && options.validateAssociations !== false) issues.push(...checkAssociations(elements));
  return issues;
}

function checkAssociations(elements: readonly Gs1Element[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, Gs1Element>();
  for (const el of elements) {
    const first = seen.get(el.ai);
    if (!first) seen.set(el.ai, el);
    else if (first.value !== el.value) {
      issues.push(idIssue('gs1.repeated_ai', { ai: el.ai, position: el.position, expected: first.value, actual: el.value }));
    }
  }
  const present = [...seen.keys()];
  const has = (pattern: string): boolean => present.some((ai) => aiMatchesPattern(ai, pattern));
  const pairs = new Set<string>();
  for (const [ai, el] of seen) {
    const def = lookupAi(ai);
    if (!def) continue;
    for (const pattern of def.excludes) {
      for (const other of present) {
        if (other === ai || !aiMatchesPattern(other, pattern)) continue;
        const key = [ai, other].sort().join('|');
        if (pairs.has(key)) continue;
        pairs.add(key);
        issues.push(idIssue('gs1.excludes', { ai, position: el.position, actual: other }));
      }
    }
    for (const requirement of def.requires) {
      if (!requirement.some((alternative) => alternative.every(has))) {
        issues.push(idIssue('gs1.requires', { ai, position: el.position, expected: requirement.map((alt) => alt.join('+')).join(',') }));
      }
    }
  }
  if (seen.has('8030')) {
    // A digital signature must sign one unit: keys with an optional serial component need it.
    for (const [ai, bare] of [['253', 13], ['255', 13], ['8003', 14]] as const) {
      const el = seen.get(ai);
      if (el && el.value.length <= bare) issues.push(idIssue('gs1.digsig_serial', { ai, position: el.position, rule: '8030' }));
    }
  }
  return issues;
}

/**
 * Renders elements in the bracketed form, escaping literal `(` as `\(`.
 * @example formatBracketed([{ ai: '01', value: '10050428383077', position: 0 }]) === '(01)10050428383077'
 */
export function formatBracketed(elements: readonly Pick<Gs1Element, 'ai' | 'value'>[]): string {
  return elements.map((e) => `(${e.ai})${e.value.replace(/\(/g, '\\(')}`).join('');
}

/** True when an FNC1 separator must follow this AI's value if another AI comes after it. */
export function needsSeparator(ai: string): boolean {
  return !lookupAi(ai)?.fixedLength;
}

/**
 * Renders elements as an element string: leading FNC1, separators only after variable-length values.
 * @example formatElementString([{ ai: '10', value: 'A1' }, { ai: '17', value: '250131' }]) === '^10A1^17250131'
 */
export function formatElementString(elements: readonly Pick<Gs1Element, 'ai' | 'value'>[], fnc1: '^' | typeof GS = '^'): string {
  let out = fnc1;
  elements.forEach((e, i) => {
    out += e.ai + e.value;
    if (i < elements.length - 1 && needsSeparator(e.ai)) out += fnc1;
  });
  return out;
}

/**
 * Human-readable lines "TITLE (AI) value" as printed under a barcode.
 * @example formatHri([{ ai: '10', value: 'A1' }]) // → ['BATCH/LOT (10) A1']
 */
export function formatHri(elements: readonly Pick<Gs1Element, 'ai' | 'value'>[]): string[] {
  return elements.map((e) => `${lookupAi(e.ai)?.title ?? 'UNKNOWN'} (${e.ai}) ${e.value}`);
}
