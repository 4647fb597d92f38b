// Public API of the identifier parsers (issue 3, item 1). credit-code.ts and registration-number.ts
// are exported by their own author.
export { gs1CheckDigit, hasValidGs1CheckDigit, withGs1CheckDigit } from './check-digit.ts';
export { AI_DICTIONARY_RELEASE } from './ai-table.generated.ts';
export { lookupAi, aiLengthForPrefix, aiMatchesPattern, allAis, type AiDefinition, type AiComponent, type Gs1Cset } from './gs1-ai-table.ts';
export { lintComponent, lintCset, UNSUPPORTED_LINTERS, type LintError } from './gs1-linters.ts';
export { gs1FullYear, gs1DateToIso, isoFromDigits, isoToGs1Date } from './gs1-date.ts';
export {
  GS,
  checkAiValue,
  formatBracketed,
  formatElementString,
  formatHri,
  needsSeparator,
  parseBracketedAiString,
  parseGs1ElementString,
  validateGs1Elements,
  type Gs1Element,
  type Gs1Options,
} from './gs1-element-string.ts';
export { parseGs1ScanData, type ScanData } from './gs1-scan-data.ts';
export {
  DEFAULT_DL_STEM,
  buildDigitalLink,
  escapeDlPath,
  escapeDlQuery,
  isValidDlPathSequence,
  looksLikeDigitalLink,
  parseDigitalLink,
  unescapeDlPath,
  unescapeDlQuery,
  type BuildDigitalLinkOptions,
  type DigitalLink,
  type DigitalLinkOptions,
} from './gs1-digital-link.ts';
export { elementsToEpcUrn, epcUrnToDigitalLink, epcUrnToElements, escapeEpc, type CompanyPrefixLength, type EpcScheme } from './epc-urn.ts';
export { HIBC_CHARSET, hibcCheckCharacter, isValidHibcProductCode, parseHibc, withHibcCheckCharacter, type HibcData, type HibcDate } from './hibc.ts';
export { MA_QUALIFIERS, parseMaCode, type MaCode, type MaQualifier } from './ma-code.ts';
export { parseUdi, type ParseUdiOptions, type ParsedUdi, type UdiAgency, type UdiForm } from './parse-udi.ts';
export { parseUdiUri, udiLotUri, udiUri, type NonGs1Agency, type UdiUriIdentity } from './udi-uri.ts';
export { IDENTIFIER_ISSUE_CODES, type IdentifierIssueCode } from './identifier-issues.ts';
