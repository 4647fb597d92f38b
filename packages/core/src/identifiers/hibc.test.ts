import { afterAll, describe, expect, it } from 'vitest';
import { readConformance, SkipLedger } from './conformance.test-helpers.ts';
import { hibcCheckCharacter, isValidHibcProductCode, parseHibc, withHibcCheckCharacter, type HibcData } from './hibc.ts';

interface HibcCase {
  id: string;
  group: string;
  input: string;
  valid: boolean | null;
  expected_fields?: Record<string, unknown>;
  expected_error?: string;
  expected_full_data?: string;
  computed_check_character?: string;
}

const { cases } = readConformance<{ cases: HibcCase[] }>('hibc/cases.json');
const ledger = new SkipLedger();

/** Our field names → BarcodeParserBuilder's, for comparison. */
function asUpstream(d: HibcData): Record<string, unknown> {
  const out: Record<string, unknown> = {
    LabelerIdentificationCode: d.labelerCode,
    ProductCode: d.productCode,
    UnitOfMeasure: d.unitOfMeasure,
  };
  if (d.lot !== undefined) out.BatchNumber = d.lot;
  if (d.serial !== undefined) out.SerialNumber = d.serial;
  if (d.quantity !== undefined) out.Quantity = d.quantity;
  if (d.expiryDate) out.ExpirationDate = d.expiryDate;
  if (d.productionDate) out.ProductionDate = d.productionDate;
  return out;
}

describe('HIBC (conformance/hibc/cases.json)', () => {
  it('runs every applicable case', () => {
    const failures: string[] = [];
    for (const c of cases) {
      const fail = (m: string): void => {
        failures.push(`${c.id} ${c.input}: ${m}`);
      };
      switch (c.group) {
        case 'hibc_parse_valid':
        case 'hibc_build':
        case 'hibc_parse_and_build': {
          const r = parseHibc(c.input);
          if (!r.ok) {
            fail(JSON.stringify(r.issues));
            continue;
          }
          // Builder cases list the fields given to the builder; the string may print a date in another format.
          const dateOnly = (f: Record<string, unknown>): Record<string, unknown> =>
            Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v && typeof v === 'object' && 'date' in v ? (v as { date: unknown }).date : v]));
          try {
            if (c.group === 'hibc_build') expect(dateOnly(asUpstream(r.value))).toEqual(dateOnly(c.expected_fields ?? {}));
            else expect(asUpstream(r.value)).toEqual(c.expected_fields);
          } catch (e) {
            fail(String(e));
            continue;
          }
          break;
        }
        case 'hibc_parse_invalid': {
          const r = parseHibc(c.input);
          if (r.ok) {
            fail('expected rejection');
            continue;
          }
          const m = /(Check|Link) Character did not match: expected '(.)' but got '(.)'/.exec(c.expected_error ?? '');
          const want = m ? { code: m[1] === 'Check' ? 'hibc.check_char' : 'hibc.link_char', params: { expected: m[2], actual: m[3] } } : { code: 'hibc.charset' };
          try {
            expect(r.issues[0]).toMatchObject(want);
          } catch (e) {
            fail(String(e));
            continue;
          }
          break;
        }
        case 'hibc_product_code':
          if (isValidHibcProductCode(c.input) !== c.valid) fail('product code validity');
          break;
        case 'hibc_check_character_encode': {
          const r = withHibcCheckCharacter(c.input);
          if (!r.ok || r.value !== c.expected_full_data) fail(JSON.stringify(r));
          break;
        }
        case 'hibc_invalid_character':
          if (withHibcCheckCharacter(c.input).ok) fail('expected invalid character');
          break;
        case 'hibc_length_limit':
          if (!withHibcCheckCharacter('1'.repeat(110)).ok || withHibcCheckCharacter('1'.repeat(111)).ok) fail('length limit');
          break;
        case 'hibc_standard_example_data':
          if (hibcCheckCharacter(`+${c.input}`) !== c.computed_check_character) fail('check character');
          break;
        default:
          fail('unknown group');
          continue;
      }
      ledger.passed++;
    }
    expect(failures).toEqual([]);
    expect(ledger.passed + ledger.skipped).toBe(cases.length);
  });
  afterAll(() => console.log(ledger.summary('hibc/cases.json')));
});

describe('HIBC (hand-written)', () => {
  it('reports the position of a bad check character', () => {
    const r = parseHibc('+A99912345/$$52001510X3/16D20111212/S77DEFG45/');
    expect(!r.ok && r.issues[0]).toEqual({ code: 'hibc.check_char', params: { position: 45, expected: '7', actual: '/' } });
  });
});
