import { afterAll, describe, expect, it } from 'vitest';
import { readConformance, SkipLedger } from './conformance.test-helpers.ts';
import { elementsToEpcUrn, epcUrnToDigitalLink } from './epc-urn.ts';

interface HashCase {
  input: string;
  expected: string | null;
  valid: boolean;
  test: string;
}

const { cases } = readConformance<{ cases: HashCase[] }>('epcis-event-hash/epc-uri-to-dl-cases.json');
const ledger = new SkipLedger();
const SUPPORTED = /^urn:epc:(id:(sgtin|sscc|sgln|pgln)|class:lgtin):/;

describe('EPC URN → Digital Link (conformance/epcis-event-hash/epc-uri-to-dl-cases.json)', () => {
  it('runs every applicable case', () => {
    const failures: string[] = [];
    for (const c of cases) {
      if (!c.input.startsWith('urn:epc:')) {
        ledger.skip('DL → canonical DL normalisation of the event hash (qualifier pruning) belongs to the EPCIS module');
        continue;
      }
      if (c.input.startsWith('urn:epc:idpat:')) {
        ledger.skip('EPC pattern URIs (idpat) are query patterns, not identifiers');
        continue;
      }
      if (!SUPPORTED.test(c.input)) {
        ledger.skip(`EPC scheme ${c.input.split(':')[3]} not implemented (not a device/lot/logistic/location key)`);
        continue;
      }
      const r = epcUrnToDigitalLink(c.input);
      if (!r.ok || r.value !== c.expected) failures.push(`${c.input}: ${JSON.stringify(r)}`);
      else ledger.passed++;
    }
    expect(failures).toEqual([]);
    expect(ledger.passed + ledger.skipped).toBe(cases.length);
  });
  afterAll(() => console.log(ledger.summary('epc-uri-to-dl-cases.json')));
});

describe('EPC URN (hand-written)', () => {
  it('builds URNs with the company prefix length as a number or a function', () => {
    const sgtin = elementsToEpcUrn([{ ai: '01', value: '80614141123458' }, { ai: '21', value: '6789/&' }], { companyPrefixLength: 7 });
    expect(sgtin).toEqual({ ok: true, value: 'urn:epc:id:sgtin:0614141.812345.6789%2F%26' });
    const lgtin = elementsToEpcUrn([{ ai: '01', value: '04012345123456' }, { ai: '10', value: 'Lot987' }], { companyPrefixLength: () => 7 });
    expect(lgtin).toEqual({ ok: true, value: 'urn:epc:class:lgtin:4012345.012345.Lot987' });
    expect(elementsToEpcUrn([{ ai: '00', value: '340123451111111111' }], { companyPrefixLength: 7 })).toEqual({ ok: true, value: 'urn:epc:id:sscc:4012345.3111111111' });
    expect(elementsToEpcUrn([{ ai: '414', value: '4012345000054' }, { ai: '254', value: '122' }], { companyPrefixLength: 7 })).toEqual({ ok: true, value: 'urn:epc:id:sgln:4012345.00005.122' });
    expect(elementsToEpcUrn([{ ai: '417', value: '4000001000005' }], { companyPrefixLength: 7 })).toEqual({ ok: true, value: 'urn:epc:id:pgln:4000001.00000' });
  });
  it('needs the company prefix length', () => {
    const r = elementsToEpcUrn([{ ai: '01', value: '04012345123456' }, { ai: '21', value: '1' }]);
    expect(!r.ok && r.issues[0]?.code).toBe('epc.company_prefix');
  });
});
