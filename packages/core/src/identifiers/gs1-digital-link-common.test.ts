import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withGs1CheckDigit } from './check-digit.ts';
import { readConformance } from './conformance.test-helpers.ts';
import { parseCommonDigitalLink } from './gs1-digital-link-common.ts';
import { parseUdi, parseUdiGeneral } from './parse-udi.ts';

// The shortcut may only answer where the general parser accepts the input with the same value.
function agrees(text: string): { fast: boolean; ok: boolean } {
  const fast = parseCommonDigitalLink(text);
  const general = parseUdiGeneral(text);
  if (fast !== null) {
    expect(general.ok, text).toBe(true);
    expect(fast, text).toEqual(general.ok ? general.value : null);
  }
  expect(parseUdi(text), text).toEqual(general);
  return { fast: fast !== null, ok: general.ok };
}

const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
// GTINs and SSCCs with a right or a wrong check digit, and zero-suppressed GTIN-8/12/13.
const key = fc.oneof(
  digits(13).map((d) => withGs1CheckDigit(d)),
  digits(13).map((d) => d + String((Number(withGs1CheckDigit(d).at(-1)) + 1) % 10)),
  fc.constantFrom(8, 12, 13).chain((n) => digits(n - 1).map((d) => withGs1CheckDigit(d))),
  digits(15),
);
const sscc = fc.oneof(
  digits(17).map((d) => withGs1CheckDigit(d)),
  digits(17).map((d) => d + String((Number(withGs1CheckDigit(d).at(-1)) + 3) % 10)),
  digits(16).map((d) => withGs1CheckDigit(d)),
);
// Values near the edges: CSET 82 punctuation, characters outside it, percent-encodings, 0–25 characters.
const chars = fc.constantFrom(
  ...'AZaz09-._'.split(''), 'Q', 'x', '7', '!', '"', '%', '&', "'", '(', ')', '*', '+', ',', ':', ';', '<', '=', '>',
  '~', ' ', '#', '?', '/', 'é', '中', '%2F', '%41', '%zz', '%20', '\0', '^',
);
const value = fc.oneof(
  fc.array(fc.constantFrom(...'ABCxyz0189-._'.split('')), { minLength: 1, maxLength: 22 }).map((a) => a.join('')),
  fc.array(chars, { minLength: 0, maxLength: 25 }).map((a) => a.join('')),
);
const host = fc.constantFrom('id.gs1.org', 'id.example.cn', 'ID.GS1.ORG', 'example.com:8080', 'a', '', 'x_y.cn', 'id.gs1.org/prefix');
const scheme = fc.constantFrom('https://', 'http://', 'HTTPS://', 'Https://', 'ftp://');
const suffix = fc.constantFrom('', '', '', '/', '?17=260101', '?linkType=all', '#frag', '\n', '\r\n', ' ', '?10=X');
const path = fc.oneof(
  fc.tuple(key, fc.option(value), fc.option(value)).map(([g, l, s]) => `/01/${g}${l === null ? '' : `/10/${l}`}${s === null ? '' : `/21/${s}`}`),
  fc.tuple(key, value, value).map(([g, l, s]) => `/01/${g}/21/${s}/10/${l}`),
  fc.tuple(key, value).map(([g, c]) => `/01/${g}/22/${c}`),
  fc.tuple(key, value).map(([g, s]) => `/gtin/${g}/ser/${s}`),
  sscc.map((s) => `/00/${s}`),
  fc.tuple(sscc, value).map(([s, v]) => `/00/${s}/21/${v}`),
);
const anyUri = fc.tuple(scheme, host, path, suffix).map(([a, b, c, d]) => a + b + c + d);
// Capture-shaped URIs, mostly valid, each part sometimes one step off (check digit, length, case,
// query, trailing slash), so that both sides of the shortcut's boundary are exercised.
const plainChar = fc.constantFrom(...'ABCxyz0189-._'.split(''));
const plain = fc.oneof(fc.array(plainChar, { minLength: 1, maxLength: 8 }), fc.array(plainChar, { minLength: 18, maxLength: 22 })).map((a) => a.join(''));
const nearGtin = fc.oneof(
  { weight: 6, arbitrary: digits(13).map((d) => withGs1CheckDigit(d)) },
  { weight: 1, arbitrary: digits(13).map((d) => d + String((Number(withGs1CheckDigit(d).at(-1)) + 1) % 10)) },
  { weight: 1, arbitrary: fc.constantFrom(8, 12, 13).chain((n) => digits(n - 1).map((d) => withGs1CheckDigit(d))) },
);
const nearSscc = fc.oneof(
  { weight: 6, arbitrary: digits(17).map((d) => withGs1CheckDigit(d)) },
  { weight: 1, arbitrary: digits(17).map((d) => d + String((Number(withGs1CheckDigit(d).at(-1)) + 7) % 10)) },
);
const commonUri = fc.tuple(
  fc.constantFrom('https://id.gs1.org', 'http://id.example.cn', 'https://id.example.cn', 'https://ID.gs1.org'),
  fc.oneof(
    fc.tuple(nearGtin, fc.option(plain), fc.option(plain)).map(([g, l, s]) => `/01/${g}${l === null ? '' : `/10/${l}`}${s === null ? '' : `/21/${s}`}`),
    nearSscc.map((s) => `/00/${s}`),
  ),
  fc.constantFrom('', '', '', '', '', '', '/', '?17=260101', '\n', '#x'),
).map(([a, b, c]) => a + b + c);
const uri = fc.oneof(anyUri, commonUri);

describe('parseCommonDigitalLink (shortcut of parseUdi for common Digital Links)', () => {
  it('equals the general parser on 6,000 generated URIs, valid and subtly invalid', () => {
    let fast = 0;
    let okSlow = 0;
    fc.assert(
      fc.property(uri, (text) => {
        const r = agrees(text);
        if (r.fast) fast++;
        else if (r.ok) okSlow++;
      }),
      { numRuns: 6000, seed: 20261126 },
    );
    // The generator must exercise both sides, or the comparison proves nothing.
    expect(fast).toBeGreaterThan(800);
    expect(okSlow).toBeGreaterThan(50);
  });

  it('equals the general parser on every URI of conformance/gs1/digital-link-cases.json', () => {
    const uris: string[] = [];
    const collect = (v: unknown): void => {
      if (typeof v === 'string') {
        if (/^https?:/i.test(v)) uris.push(v);
      } else if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    collect(readConformance('gs1/digital-link-cases.json'));
    expect(uris.length).toBeGreaterThan(100);
    const taken = uris.filter((u) => agrees(u).fast);
    expect(taken.length).toBeGreaterThan(5);
  });

  it('reads the capture shapes and leaves the others to the general parser', () => {
    expect(parseCommonDigitalLink('https://id.example.cn/01/06980099000010/10/LOT3/21/D3P0C0U0')).toEqual({
      agency: 'GS1', form: 'digital_link', di: '06980099000010',
      pi: { lot: 'LOT3', serial: 'D3P0C0U0', productionDate: null, expiryDate: null },
      elements: [{ key: '01', value: '06980099000010' }, { key: '10', value: 'LOT3' }, { key: '21', value: 'D3P0C0U0' }],
      canonicalKey: 'gs1:01/06980099000010/21/D3P0C0U0', level: 'unit',
    });
    expect(parseCommonDigitalLink('https://id.gs1.org/00/106141411234567897')?.canonicalKey).toBe('gs1:00/106141411234567897');
    expect(parseCommonDigitalLink('https://id.gs1.org/01/09506000134352/10/ABC')?.level).toBe('lot');
    expect(parseCommonDigitalLink('https://id.gs1.org/01/09506000134352')?.level).toBe('product');
    for (const other of [
      'https://id.gs1.org/01/09506000134353/21/1', // wrong check digit
      'https://id.gs1.org/01/9506000134352/21/1', // GTIN-13: the general parser rejects it without zero padding
      'https://id.gs1.org/01/09506000134352/21/123456789012345678901', // serial of 21 characters
      'https://id.gs1.org/01/09506000134352/21/A%2FB', // percent-encoding
      'https://ID.GS1.ORG/01/09506000134352/21/1', // upper-case host
      'https://id.gs1.org/01/09506000134352/21/1?17=260101', // query string
      'https://id.gs1.org/01/09506000134352/21/1/', // trailing slash
    ]) expect(parseCommonDigitalLink(other), other).toBeNull();
  });
});
