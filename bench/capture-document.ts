// The capture benchmarks' document (trace-bench through HTTP, capture-cpu-bench without a
// database): one generator, so both measure the same work.
import { withGs1CheckDigit } from '@lianjian/core';

/** A realistic 1,000-event capture document: per pallet, units commissioned and packed into cartons, cartons into the pallet, shipped and received. */
export function captureDocument(doc: number, gtin: string, mfrGln: string, distGln: string): { text: string; events: number } {
  const events: object[] = [];
  const loc = (gln: string) => `https://id.gs1.org/414/${gln}`;
  const party = (gln: string) => `https://id.gs1.org/417/${gln}`;
  const sscc = (n: number) => `https://id.gs1.org/00/${withGs1CheckDigit(`06980001${String(n).padStart(9, '0')}`)}`;
  // A document spans 1,000 s; documents an hour apart keep hundreds of benchmark rounds inside the fixtures' registration (valid to 2028).
  const time = (k: number) => new Date(Date.UTC(2026, 2, 1) + doc * 3_600_000 + k * 1000).toISOString();
  let k = 0;
  for (let p = 0; events.length < 1000; p++) {
    const palletNo = doc * 100 + p;
    const pallet = sscc(9_000_000 + palletNo);
    const cartons: string[] = [];
    for (let c = 0; c < 10 && (c === 0 || events.length < 994); c++) {
      const carton = sscc(palletNo * 10 + c);
      cartons.push(carton);
      const units = Array.from({ length: 10 }, (_, u) => `https://id.example.cn/01/${gtin}/10/LOT${doc}/21/D${doc}P${p}C${c}U${u}`);
      events.push({ type: 'ObjectEvent', eventTime: time(k++), eventTimeZoneOffset: '+08:00', epcList: units, action: 'ADD', bizStep: 'commissioning', disposition: 'active', bizLocation: { id: loc(mfrGln) }, readPoint: { id: loc(mfrGln) } });
      events.push({ type: 'AggregationEvent', eventTime: time(k++), eventTimeZoneOffset: '+08:00', parentID: carton, childEPCs: units, action: 'ADD', bizStep: 'packing', disposition: 'in_progress', bizLocation: { id: loc(mfrGln) } });
    }
    events.push({ type: 'AggregationEvent', eventTime: time(k++), eventTimeZoneOffset: '+08:00', parentID: pallet, childEPCs: cartons, action: 'ADD', bizStep: 'packing', disposition: 'in_progress', bizLocation: { id: loc(mfrGln) } });
    const sd = { sourceList: [{ type: 'owning_party', source: party(mfrGln) }], destinationList: [{ type: 'owning_party', destination: party(distGln) }] };
    events.push({ type: 'ObjectEvent', eventTime: time(k++), eventTimeZoneOffset: '+08:00', epcList: [pallet], action: 'OBSERVE', bizStep: 'shipping', disposition: 'in_transit', bizLocation: { id: loc(mfrGln) }, ...sd });
    events.push({ type: 'ObjectEvent', eventTime: time(k++), eventTimeZoneOffset: '+08:00', epcList: [pallet], action: 'OBSERVE', bizStep: 'receiving', disposition: 'in_progress', bizLocation: { id: loc(distGln) }, ...sd });
  }
  const body = { '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: time(0), epcisBody: { eventList: events.slice(0, 1000) } };
  return { text: JSON.stringify(body), events: 1000 };
}
