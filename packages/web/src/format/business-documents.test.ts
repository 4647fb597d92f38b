import { describe, expect, it } from 'vitest';
import { readableDocument } from './business-documents.ts';

describe('readableDocument', () => {
  it('reads the CBV identifier form into the number and the issuing party, whatever form the type takes', () => {
    expect(readableDocument({ type: 'desadv', id: 'urn:epcglobal:cbv:bt:6901234000004:DN-77' })).toEqual({ type: 'desadv', number: 'DN-77', issuerGln: '6901234000004' });
    expect(readableDocument({ type: 'urn:epcglobal:cbv:btt:po', id: 'urn:epcglobal:cbv:bt:6901234000011:PO%2F2026%3A1' })).toEqual({ type: 'po', number: 'PO/2026:1', issuerGln: '6901234000011' });
    expect(readableDocument({ type: 'https://ref.gs1.org/cbv/BTT-inv', id: 'urn:epcglobal:cbv:bt:6901234000004:INV9' }).type).toBe('inv');
  });

  it('shows any other identifier whole, and a number that is not percent-encoded as written', () => {
    expect(readableDocument({ type: null, id: 'http://transaction.example.com/po/12345678' })).toEqual({ type: '', number: 'http://transaction.example.com/po/12345678', issuerGln: null });
    expect(readableDocument({ type: 'po', id: 'urn:epcglobal:cbv:bt:6901234000004:100%' }).number).toBe('100%');
  });
});
