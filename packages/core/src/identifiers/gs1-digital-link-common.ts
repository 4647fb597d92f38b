import { hasValidGs1CheckDigit } from './check-digit.ts';
import type { ParsedUdi } from './parse-udi.ts';

/**
 * The Digital Link shapes EPCIS capture sees by the thousand — `https://{host}/01/{GTIN-14}[/10/{lot}][/21/{serial}]`
 * and `https://{host}/00/{SSCC}` — read without the general parser (URI walk, AI table, linters,
 * association rules). The pattern admits only inputs the general parser accepts with the same
 * result: lower-case scheme and host, no port, path prefix, query or fragment; values of
 * letters, digits, `-`, `.`, `_` (CSET 82, nothing to unescape or escape) within the AI's length;
 * GTIN-14 and SSCC with their check digit. Anything else returns null and takes the general path,
 * which also gives the issues. gs1-digital-link-common.test.ts compares both on generated inputs.
 */
const COMMON = /^https?:\/\/[a-z0-9.-]+\/(?:01\/(\d{14})(?:\/10\/([A-Za-z0-9._-]{1,20}))?(?:\/21\/([A-Za-z0-9._-]{1,20}))?|00\/(\d{18}))$/;

/**
 * The parse of a common-shape GS1 Digital Link, equal to what `parseUdi` computes in full, or null.
 * @example parseCommonDigitalLink('https://id.gs1.org/00/106141411234567897')?.canonicalKey === 'gs1:00/106141411234567897'
 */
export function parseCommonDigitalLink(text: string): ParsedUdi | null {
  const m = COMMON.exec(text);
  if (!m) return null;
  const [, gtin, lot, serial, sscc] = m;
  if (sscc !== undefined) {
    if (!hasValidGs1CheckDigit(sscc)) return null;
    return {
      agency: 'GS1', form: 'digital_link', di: sscc,
      pi: { lot: null, serial: null, productionDate: null, expiryDate: null },
      elements: [{ key: '00', value: sscc }],
      canonicalKey: `gs1:00/${sscc}`, level: 'unit',
    };
  }
  if (gtin === undefined || !hasValidGs1CheckDigit(gtin)) return null;
  const elements = [{ key: '01', value: gtin }];
  if (lot !== undefined) elements.push({ key: '10', value: lot });
  if (serial !== undefined) elements.push({ key: '21', value: serial });
  const base = `gs1:01/${gtin}`;
  return {
    agency: 'GS1', form: 'digital_link', di: gtin,
    pi: { lot: lot ?? null, serial: serial ?? null, productionDate: null, expiryDate: null },
    elements,
    ...(serial !== undefined
      ? { canonicalKey: `${base}/21/${serial}`, level: 'unit' as const }
      : lot !== undefined
        ? { canonicalKey: `${base}/10/${lot}`, level: 'lot' as const }
        : { canonicalKey: base, level: 'product' as const }),
  };
}
