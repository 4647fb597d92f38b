/**
 * A business document an event cites (EPCIS bizTransactionList), for reading: the CBV type as a plain
 * term and, for the CBV identifier form `urn:epcglobal:cbv:bt:{GLN}:{number}`, the document's own
 * number and the GLN of the party that issued it. Other identifiers (a company's URI) are shown whole.
 */
export interface ReadableDocument {
  /** The CBV business transaction type's term (`po`, `desadv`, …), or the type as given when it is not a CBV form. */
  type: string;
  number: string;
  issuerGln: string | null;
}

const CBV_TYPE = /^(?:urn:epcglobal:cbv:btt:|https?:\/\/ref\.gs1\.org\/cbv\/BTT-|cbv:BTT-)/;
const CBV_ID = /^urn:epcglobal:cbv:bt:(\d{13}):(.+)$/;

/**
 * @example readableDocument({ type: 'urn:epcglobal:cbv:btt:desadv', id: 'urn:epcglobal:cbv:bt:6901234000004:DN%2F77' }) // { type: 'desadv', number: 'DN/77', issuerGln: '6901234000004' }
 */
export function readableDocument(d: { type: string | null; id: string }): ReadableDocument {
  const type = (d.type ?? '').replace(CBV_TYPE, '');
  const m = CBV_ID.exec(d.id);
  if (!m) return { type, number: d.id, issuerGln: null };
  let number = m[2] as string;
  try {
    number = decodeURIComponent(number);
  } catch {
    // Not percent-encoded as CBV asks: show it as written.
  }
  return { type, number, issuerGln: m[1] as string };
}
