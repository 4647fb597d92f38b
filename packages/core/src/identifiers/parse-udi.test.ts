import { describe, expect, it } from 'vitest';
import { formatIssue, knownCodes } from '../locales/index.ts';
import { IDENTIFIER_ISSUE_CODES } from './identifier-issues.ts';
import { parseUdi } from './parse-udi.ts';

const now = new Date('2025-06-01T00:00:00Z');
const GS = '\u001d';
const unit = {
  agency: 'GS1',
  di: '10050428383077',
  pi: { lot: 'A213B1', serial: '1234', productionDate: '2014-12-31', expiryDate: '2015-07-07' },
  canonicalKey: 'gs1:01/10050428383077/21/1234',
  level: 'unit',
};

describe('parseUdi over every form', () => {
  it.each([
    ['bracketed', '(01)10050428383077(11)141231(17)150707(10)A213B1(21)1234'],
    ['element_string', `^0110050428383077111412311715070710A213B1^211234`],
    ['scan', `]d20110050428383077111412311715070710A213B1${GS}211234`],
    ['scan', `]C10110050428383077111412311715070710A213B1${GS}211234`],
    ['scan', `]Q30110050428383077111412311715070710A213B1${GS}211234`],
    ['scan', `]e00110050428383077111412311715070710A213B1${GS}211234`],
    ['element_string', `0110050428383077111412311715070710A213B1${GS}211234`],
    ['digital_link', 'https://id.gs1.org/01/10050428383077/10/A213B1/21/1234?11=141231&17=150707'],
    ['digital_link', 'https://example.com/01/10050428383077/10/A213B1/21/1234?11=141231&17=150707'],
  ])('GS1 %s: %s', (form, text) => {
    const r = parseUdi(text, { now });
    expect(r.ok && r.value).toMatchObject({ ...unit, form });
  });
  it('EPC URNs (SGTIN unit, LGTIN lot)', () => {
    expect(parseUdi('urn:epc:id:sgtin:0614141.812345.6789', { now })).toMatchObject({
      ok: true,
      value: { agency: 'GS1', form: 'epc_urn', di: '80614141123458', canonicalKey: 'gs1:01/80614141123458/21/6789', level: 'unit' },
    });
    expect(parseUdi('urn:epc:class:lgtin:4012345.012345.Lot987', { now })).toMatchObject({
      ok: true,
      value: { canonicalKey: 'gs1:01/04012345123456/10/Lot987', level: 'lot', pi: { lot: 'Lot987', serial: null } },
    });
  });
  it('lot-level and product-level GS1 keys; expiry DD=00 is the end of the month', () => {
    const r = parseUdi('(01)06901234567892(17)250200(10)L/1', { now });
    expect(r.ok && r.value).toMatchObject({ canonicalKey: 'gs1:01/06901234567892/10/L%2F1', level: 'lot', pi: { expiryDate: '2025-02-28' } });
    expect(parseUdi('06901234567892', { now })).toMatchObject({ ok: true, value: { canonicalKey: 'gs1:01/06901234567892', level: 'product' } });
    expect(parseUdi(']E06901234567892', { now })).toMatchObject({ ok: true, value: { di: '06901234567892', form: 'scan' } });
  });
  it('HIBC, with and without symbology identifier', () => {
    for (const text of ['+A99912345/$$52001510X3/16D20111212/S77DEFG457', ']d1+A99912345/$$52001510X3/16D20111212/S77DEFG457']) {
      const r = parseUdi(text, { now });
      expect(r.ok && r.value).toMatchObject({
        agency: 'HIBCC',
        form: 'hibc',
        di: 'A99912345',
        pi: { lot: '10X3', serial: '77DEFG45', productionDate: '2011-12-12', expiryDate: '2020-01-15' },
        canonicalKey: 'hibc:A999/1234/5/S/77DEFG45',
        level: 'unit',
      });
    }
  });
  it('MA code, also inside a QR scan', () => {
    for (const text of ['MA.156.M0.100001.10000018.L2024A01.M240101.E270101', ']Q1MA.156.M0.100001.10000018.L2024A01.M240101.E270101']) {
      const r = parseUdi(text, { now });
      expect(r.ok && r.value).toMatchObject({
        agency: 'MA',
        di: 'MA.156.M0.100001.10000018',
        pi: { lot: '2024A01', serial: null, productionDate: '2024-01-01', expiryDate: '2027-01-01' },
        canonicalKey: 'ma:MA.156.M0.100001.10000018/L/2024A01',
        level: 'lot',
      });
    }
  });
  it('precise issues with position, AI and rule', () => {
    const r = parseUdi(`]d20110050428383078${GS}10A1`, { now });
    expect(r).toEqual({ ok: false, issues: [{ code: 'gs1.check_digit', params: { ai: '01', position: 18, actual: '8', rule: 'GS1_LINTER_INCORRECT_CHECK_DIGIT' } }] });
    expect(parseUdi('', { now })).toMatchObject({ ok: false, issues: [{ code: 'udi.empty' }] });
    expect(parseUdi('hello', { now })).toMatchObject({ ok: false, issues: [{ code: 'udi.unrecognised' }] });
    expect(parseUdi('AHM1234567890', { now })).toMatchObject({ ok: false, issues: [{ code: 'udi.unsupported_agency' }] });
    expect(parseUdi('+A123BJC5D6E71++$$52001510X3+D', { now })).toMatchObject({ ok: false, issues: [{ code: 'hibc.check_char' }] });
  });
});

describe('identifier messages', () => {
  it('exist in zh-CN and en for every issue code', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const known = new Set(knownCodes(locale));
      expect(IDENTIFIER_ISSUE_CODES.filter((c) => !known.has(c))).toEqual([]);
    }
  });
  it('render with their params', () => {
    const issue = { code: 'gs1.check_digit', params: { ai: '01', position: 18 } };
    expect(formatIssue(issue, 'zh-CN').message).toContain('应用标识符 (01)');
    expect(formatIssue(issue, 'en').message).toBe('Check digit of AI (01) is wrong at character 19'); // position is a 0-based offset
  });
});
