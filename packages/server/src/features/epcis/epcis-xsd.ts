/**
 * XSD validation of EPCIS 2.0 XML documents with libxml2 (xmllint compiled to WebAssembly, so no
 * native dependency). The core parser reads XML leniently so that events can still be hashed; this
 * is the strict structural check a capture endpoint runs first, the XML counterpart of the JSON
 * Schema check in core.
 */
import { readFile } from 'node:fs/promises';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import type { Issue } from '@lianjian/core';
import { join } from 'node:path';
import { CONFORMANCE_DIR } from '../../paths.ts';

// The GS1 XSDs (gs1/EPCIS@2b888bef) live in the repository's conformance copy.
const XSD_DIR = join(CONFORMANCE_DIR, 'epcis/XSD');

const XSD_FILES = [
  'EPCglobal-epcis-2_0.xsd',
  'EPCglobal-epcis-query-2_0.xsd',
  'EPCglobal-epcis-masterdata-2_0.xsd',
  'EPCglobal.xsd',
  'StandardBusinessDocumentHeader.xsd',
  'DocumentIdentification.xsd',
  'Partner.xsd',
  'Manifest.xsd',
  'BusinessScope.xsd',
  'BasicTypes.xsd',
] as const;

const SCHEMA_FOR_ROOT: Record<string, (typeof XSD_FILES)[number]> = {
  EPCISDocument: 'EPCglobal-epcis-2_0.xsd',
  EPCISQueryDocument: 'EPCglobal-epcis-query-2_0.xsd',
  EPCISMasterDataDocument: 'EPCglobal-epcis-masterdata-2_0.xsd',
};

let loaded: Promise<Map<string, string>> | undefined;

function schemas(): Promise<Map<string, string>> {
  // Read once per process; the files never change while the server runs.
  loaded ??= Promise.all(XSD_FILES.map(async (f) => [f, await readFile(join(XSD_DIR, f), 'utf8')] as const)).then(
    (entries) => new Map(entries),
  );
  return loaded;
}

/** Local name of the document element, e.g. `EPCISDocument` for `<epcis:EPCISDocument …>`. */
export function rootElementName(xml: string): string | undefined {
  const body = xml.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  const m = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(body);
  return m?.[2];
}

/**
 * Validates an EPCIS XML document against the GS1 EPCIS 2.0 XSD matching its root element.
 * Resolves to `[]` when valid, else issues `epcis.xsd` (with line and libxml2's message) or
 * `epcis.xsd_unknown_root`.
 */
export async function validateEpcisXsd(xml: string): Promise<Issue[]> {
  const root = rootElementName(xml);
  const main = root ? SCHEMA_FOR_ROOT[root] : undefined;
  if (!main) return [{ code: 'epcis.xsd_unknown_root', path: [], params: { root: root ?? '' } }];
  const files = await schemas();
  const preload: XMLFileInfo[] = XSD_FILES.filter((f) => f !== main).map((f) => ({ fileName: f, contents: files.get(f) ?? '' }));
  const result = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    schema: [{ fileName: main, contents: files.get(main) ?? '' }],
    preload,
  });
  if (result.valid) return [];
  return result.errors.map((e) => ({
    code: 'epcis.xsd',
    path: [],
    params: { line: e.loc?.lineNumber ?? null, detail: e.message.trim() },
  }));
}
