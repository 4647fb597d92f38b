import { AI_TABLE_ROWS } from './ai-table.generated.ts';

/** Character sets of the GS1 syntax dictionary: N digits, X CSET 82, Y CSET 39, Z CSET 64 (base64url). */
export type Gs1Cset = 'N' | 'X' | 'Y' | 'Z';
/** [character set, min length, max length, optional (1) or not (0), linter names] */
export type AiComponentRow = [Gs1Cset, number, number, 0 | 1, string[]];
/** One generated row; see `scripts/generate-ai-table.ts`. */
export type AiTableRow = [
  from: string,
  to: string,
  fixed: 0 | 1,
  dlAttr: 0 | 1,
  components: AiComponentRow[],
  req: string[][][],
  ex: string[],
  dlpkey: string[][] | null,
  title: string,
];

export interface AiComponent {
  cset: Gs1Cset;
  min: number;
  max: number;
  optional: boolean;
  linters: readonly string[];
}

/** Everything the dictionary says about one AI. */
export interface AiDefinition {
  ai: string;
  title: string;
  /** Predefined length: no FNC1 separator is needed after it in a raw element string. */
  fixedLength: boolean;
  /** May appear as a GS1 Digital Link query-string data attribute. */
  dlDataAttribute: boolean;
  components: readonly AiComponent[];
  minLength: number;
  maxLength: number;
  /** Each entry must hold; an entry holds when any alternative (all of its `+`-joined patterns) is present. */
  requires: readonly (readonly (readonly string[])[])[];
  /** Patterns (`n` = any digit) of AIs that must not appear with this one. */
  excludes: readonly string[];
  /** Digital Link primary key: the alternative ordered qualifier sequences; null when not a key. */
  dlPrimaryKey: readonly (readonly string[])[] | null;
}

const table = new Map<string, AiDefinition>();
/** AI length by its first two digits (GS1 assigns all AIs sharing two leading digits the same length). */
const lengthByPrefix = new Map<string, number>();

for (const [from, to, fixed, dlAttr, comps, req, ex, dlpkey, title] of AI_TABLE_ROWS) {
  const components = comps.map(([cset, min, max, optional, linters]) => ({ cset, min, max, optional: optional === 1, linters }));
  const minLength = components.filter((c) => !c.optional).reduce((s, c) => s + c.min, 0);
  const maxLength = components.reduce((s, c) => s + c.max, 0);
  for (let n = Number(from); n <= Number(to); n++) {
    const ai = String(n).padStart(from.length, '0');
    table.set(ai, {
      ai,
      title,
      fixedLength: fixed === 1,
      dlDataAttribute: dlAttr === 1,
      components,
      minLength,
      maxLength,
      requires: req,
      excludes: ex,
      dlPrimaryKey: dlpkey,
    });
    lengthByPrefix.set(ai.slice(0, 2), ai.length);
  }
}

/** The dictionary entry for an AI, or undefined. @example lookupAi('17')?.title === 'USE BY or EXPIRY' */
export function lookupAi(ai: string): AiDefinition | undefined {
  return table.get(ai);
}

/** Length of any AI starting with these two digits, known from the dictionary. @example aiLengthForPrefix('82') === 4 */
export function aiLengthForPrefix(twoDigits: string): number | undefined {
  return lengthByPrefix.get(twoDigits);
}

/** True when `pattern` (digits, `n` = any digit) matches `ai`. @example aiMatchesPattern('3103', '310n') */
export function aiMatchesPattern(ai: string, pattern: string): boolean {
  if (ai.length !== pattern.length) return false;
  for (let i = 0; i < ai.length; i++) {
    const p = pattern[i];
    if (p !== 'n' && p !== ai[i]) return false;
  }
  return true;
}

/** Every AI in the dictionary (expanded ranges), in lexical order. */
export function allAis(): string[] {
  return [...table.keys()].sort();
}
