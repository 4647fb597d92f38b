import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonDigitalLinkToDl, digitalLinkToDl, epcToCanonicalDigitalLink } from './epc-digital-link.ts';
import { readConformance } from './conformance.test-helper.ts';

interface Case {
  input: string;
  expected: string | null;
  test: string;
  line: number;
}

const cases = (JSON.parse(readConformance('event-hash/epc-uri-to-dl-cases.json')) as { cases: Case[] }).cases;

describe('EPC URI / Digital Link → canonical Digital Link (upstream dl_normaliser_test.py)', () => {
  it('has the 70 upstream cases', () => expect(cases).toHaveLength(70));

  it.each(cases)('$test line $line: $input', ({ input, expected }) => {
    expect(epcToCanonicalDigitalLink(input)).toBe(expected);
  });

  it('leaves values that are not GS1 identifiers alone', () => {
    expect(epcToCanonicalDigitalLink('urn:epcglobal:cbv:bt:4012345123456:RE100099')).toBeNull();
    expect(epcToCanonicalDigitalLink('geo:50.94,6.92')).toBeNull();
  });
});

describe('commonDigitalLinkToDl (shortcut for the Digital Links capture sends)', () => {
  const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
  const segment = fc.oneof(
    fc.array(fc.constantFrom(...'AZaz09-._'.split('')), { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
    fc.constantFrom('', '%2F', 'a b', '21', '10', 'ser', 'lot', '01', '00', '?x', '#y', '235', '22'),
  );
  const path = fc.oneof(
    fc.tuple(fc.oneof(digits(14), digits(13), digits(8), digits(15)), fc.option(segment), fc.option(segment)).map(
      ([g, l, s]) => `/01/${g}${l === null ? '' : `/10/${l}`}${s === null ? '' : `/21/${s}`}`,
    ),
    fc.tuple(digits(14), segment, segment).map(([g, a, b]) => `/01/${g}/${a}/${b}`),
    fc.tuple(fc.oneof(digits(18), digits(17)), fc.option(segment)).map(([s, q]) => `/00/${s}${q === null ? '' : `/21/${q}`}`),
    fc.tuple(segment, digits(14), segment).map(([p, g, s]) => `/${p}/01/${g}/21/${s}`),
  );
  const uri = fc
    .tuple(fc.constantFrom('https://', 'http://', 'HTTPS://', 'ftp://'), fc.constantFrom('id.gs1.org', 'example.com:8080', 'A.B', ''), path, fc.constantFrom('', '', '/', '//', '?17=2601', '#f', '\n'))
    .map(([a, b, c, d]) => a + b + c + d);
  const plain = fc.array(fc.constantFrom(...'AZaz09-._%'.split('')), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
  const common = fc
    .tuple(fc.constantFrom('https://id.gs1.org', 'http://id.example.cn'), fc.oneof(digits(14), digits(13)), fc.option(plain), fc.option(plain), fc.constantFrom('', '', '', '/', '?a=1'))
    .map(([h, g, l, s, end]) => `${h}/01/${g}${l === null ? '' : `/10/${l}`}${s === null ? '' : `/21/${s}`}${end}`);

  it('answers only where the general reading gives the same canonical link (5,000 generated URIs)', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.oneof(uri, common), (u) => {
        const fast = commonDigitalLinkToDl(u);
        if (fast !== null) {
          taken++;
          expect(fast, u).toBe(digitalLinkToDl(u));
        }
      }),
      { numRuns: 5000, seed: 20261126 },
    );
    expect(taken).toBeGreaterThan(600);
  });

  it('keeps the finest granularity: the serial wins over the lot', () => {
    expect(commonDigitalLinkToDl('https://id.example.cn/01/06980099000010/10/LOT3/21/D3')).toBe('https://id.gs1.org/01/06980099000010/21/D3');
    expect(commonDigitalLinkToDl('http://x/01/06980099000010/10/LOT3')).toBe('https://id.gs1.org/01/06980099000010/10/LOT3');
    expect(commonDigitalLinkToDl('https://x/00/106141411234567897')).toBe('https://id.gs1.org/00/106141411234567897');
    expect(commonDigitalLinkToDl('https://x/01/06980099000010/21/D3?17=260101')).toBeNull();
  });
});
