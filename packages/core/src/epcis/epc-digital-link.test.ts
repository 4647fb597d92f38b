import { describe, expect, it } from 'vitest';
import { epcToCanonicalDigitalLink } from './epc-digital-link.ts';
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
