import type { Issue } from '../errors.ts';

/**
 * Every issue code the identifier parsers emit. Each has a message and a fix hint in
 * `locales/{zh-CN,en}/identifiers.ts`; a test checks both catalogues cover this list.
 * Params, when known: `position` (character offset in the input), `ai`, `expected`, `actual`, `rule`.
 */
export const IDENTIFIER_ISSUE_CODES = [
  'gs1.syntax',
  'gs1.empty',
  'gs1.unknown_ai',
  'gs1.length',
  'gs1.charset',
  'gs1.check_digit',
  'gs1.date',
  'gs1.value',
  'gs1.repeated_ai',
  'gs1.requires',
  'gs1.excludes',
  'gs1.digsig_serial',
  'gs1.symbology',
  'dl.scheme',
  'dl.uri_charset',
  'dl.domain',
  'dl.no_path',
  'dl.no_key',
  'dl.empty_value',
  'dl.key_qualifiers',
  'dl.qualifier_in_query',
  'dl.duplicate_ai',
  'dl.unknown_ai',
  'dl.not_attribute',
  'dl.null_char',
  'epc.syntax',
  'epc.scheme',
  'epc.company_prefix',
  'epc.charset',
  'epc.not_convertible',
  'hibc.syntax',
  'hibc.charset',
  'hibc.check_char',
  'hibc.link_char',
  'hibc.length',
  'hibc.lic',
  'hibc.product_code',
  'hibc.date',
  'hibc.quantity',
  'ma.syntax',
  'ma.di',
  'ma.qualifier',
  'ma.duplicate',
  'ma.date',
  'ma.empty_value',
  'udi.empty',
  'udi.unrecognised',
  'udi.unsupported_agency',
] as const;

export type IdentifierIssueCode = (typeof IDENTIFIER_ISSUE_CODES)[number];
export type IssueParams = NonNullable<Issue['params']>;

/** Builds an issue, dropping undefined params so the issue stays JSON-clean. */
export function idIssue(code: IdentifierIssueCode, params: Record<string, string | number | boolean | null | undefined> = {}): Issue {
  const clean: IssueParams = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) clean[k] = v;
  return { code, params: clean };
}

/** Shifts the `position` param of issues found in a substring back to the whole input. */
export function shiftIssues(issues: Issue[], offset: number): Issue[] {
  if (offset === 0) return issues;
  return issues.map((i) =>
    typeof i.params?.position === 'number' ? { ...i, params: { ...i.params, position: i.params.position + offset } } : i,
  );
}
