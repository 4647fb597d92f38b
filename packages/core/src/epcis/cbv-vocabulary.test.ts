import { describe, expect, it } from 'vitest';
import { cbvUri, isCbvTerm, normaliseCbv } from './cbv-vocabulary.ts';

describe('CBV normalisation', () => {
  it.each([
    ['shipping'],
    ['urn:epcglobal:cbv:bizstep:shipping'],
    ['https://ref.gs1.org/cbv/BizStep-shipping'],
    ['http://ref.gs1.org/cbv/BizStep-shipping'],
    ['cbv:BizStep-shipping'],
  ])('reads %s as the bare term', (value) => {
    expect(normaliseCbv('bizStep', value)).toBe('shipping');
    expect(cbvUri('bizStep', value)).toBe('https://ref.gs1.org/cbv/BizStep-shipping');
  });

  it('knows every vocabulary', () => {
    expect(normaliseCbv('disposition', 'urn:epcglobal:cbv:disp:in_transit')).toBe('in_transit');
    expect(normaliseCbv('bizTransactionType', 'urn:epcglobal:cbv:btt:po')).toBe('po');
    expect(normaliseCbv('sourceDestinationType', 'https://ref.gs1.org/cbv/SDT-owning_party')).toBe('owning_party');
    expect(normaliseCbv('errorReason', 'urn:epcglobal:cbv:er:incorrect_data')).toBe('incorrect_data');
    expect(normaliseCbv('measurementType', 'gs1:Temperature')).toBe('Temperature');
    expect(cbvUri('measurementType', 'Temperature')).toBe('https://gs1.org/voc/Temperature');
    expect(normaliseCbv('component', 'cbv:Comp-latitude')).toBe('latitude');
  });

  it('leaves user vocabularies alone', () => {
    const own = 'https://example.org/vocab/sterilising';
    expect(normaliseCbv('bizStep', own)).toBe(own);
    expect(cbvUri('bizStep', own)).toBe(own);
    expect(isCbvTerm('bizStep', own)).toBe(false);
  });
});
