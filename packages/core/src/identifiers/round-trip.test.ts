import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withGs1CheckDigit } from './check-digit.ts';
import { elementsToEpcUrn, epcUrnToElements } from './epc-urn.ts';
import { buildDigitalLink, parseDigitalLink } from './gs1-digital-link.ts';
import { formatBracketed, formatElementString, GS, parseBracketedAiString, parseGs1ElementString } from './gs1-element-string.ts';
import { parseUdi } from './parse-udi.ts';

const CSET82 = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const cset82 = (max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...CSET82), { minLength: 1, maxLength: max }).map((a) => a.join(''));
const digits = (n: number): fc.Arbitrary<string> => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));
const gtin = digits(13).map(withGs1CheckDigit);
const yymmdd = fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 28 })).map(
  ([y, m, d]) => [y, m, d].map((n) => String(n).padStart(2, '0')).join(''),
);

/** A device label: GTIN, optional dates, lot and/or serial. */
const label = fc
  .record({ gtin, prod: fc.option(yymmdd), exp: fc.option(yymmdd), lot: fc.option(cset82(20)), serial: fc.option(cset82(20)) })
  .map(({ gtin: g, prod, exp, lot, serial }) => [
    { ai: '01', value: g },
    ...(prod ? [{ ai: '11', value: prod }] : []),
    ...(exp ? [{ ai: '17', value: exp }] : []),
    ...(lot ? [{ ai: '10', value: lot }] : []),
    ...(serial ? [{ ai: '21', value: serial }] : []),
  ]);

const strip = (els: { ai: string; value: string }[]): { ai: string; value: string }[] => els.map(({ ai, value }) => ({ ai, value }));
const sortByAi = (els: { ai: string; value: string }[]): { ai: string; value: string }[] => [...strip(els)].sort((a, b) => a.ai.localeCompare(b.ai));

describe('round trips (fast-check)', () => {
  it('bracketed ⇄ element string (^ and GS)', () => {
    fc.assert(
      fc.property(label, (els) => {
        const b = parseBracketedAiString(formatBracketed(els));
        expect(b.ok && strip(b.value)).toEqual(els);
        for (const fnc1 of ['^', GS] as const) {
          const r = parseGs1ElementString(formatElementString(els, fnc1));
          expect(r.ok && strip(r.value)).toEqual(els);
        }
      }),
    );
  });
  it('element string ⇄ Digital Link', () => {
    fc.assert(
      fc.property(label, fc.constantFrom('https://id.gs1.org', 'https://example.com/some/stem'), (els, stem) => {
        const uri = buildDigitalLink(els, { stem });
        expect(uri.ok).toBe(true);
        if (!uri.ok) return;
        const back = parseDigitalLink(uri.value);
        expect(back.ok && back.value.stem).toBe(stem);
        expect(back.ok && sortByAi(back.value.elements)).toEqual(sortByAi(els));
      }),
    );
  });
  it('element string ⇄ EPC URN ⇄ Digital Link (SGTIN and LGTIN)', () => {
    fc.assert(
      fc.property(gtin, cset82(20), fc.boolean(), fc.integer({ min: 6, max: 12 }), (g, value, serial, cp) => {
        const els = [{ ai: '01', value: g }, { ai: serial ? '21' : '10', value }];
        const urn = elementsToEpcUrn(els, { companyPrefixLength: cp });
        expect(urn.ok).toBe(true);
        if (!urn.ok) return;
        const back = epcUrnToElements(urn.value);
        expect(back.ok && strip(back.value)).toEqual(els);
        const viaDl = parseUdi(urn.value);
        const dl = buildDigitalLink(els);
        const fromDl = dl.ok ? parseUdi(dl.value) : dl;
        expect(viaDl.ok && fromDl.ok && viaDl.value.canonicalKey === fromDl.value.canonicalKey).toBe(true);
      }),
    );
  });
  it('SSCC and GLN URNs', () => {
    fc.assert(
      fc.property(digits(17).map(withGs1CheckDigit), digits(12).map(withGs1CheckDigit), fc.integer({ min: 6, max: 12 }), (sscc, gln, cp) => {
        for (const els of [[{ ai: '00', value: sscc }], [{ ai: '414', value: gln }], [{ ai: '417', value: gln }]]) {
          const urn = elementsToEpcUrn(els, { companyPrefixLength: cp });
          const back = urn.ok ? epcUrnToElements(urn.value) : urn;
          expect(back.ok && strip(back.value)).toEqual(els);
        }
      }),
    );
  });
});
