// Test-only helpers for the EPCIS feature: conformance files, a national regulator, small documents.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { makeUser, PASSWORD } from '../../test/fixtures.ts';
import { call, loginHeaders, type TestApp } from '../../test/test-app.ts';

const base = new URL('../../../../../conformance/epcis/', import.meta.url);
export const readConformance = (file: string): string => readFileSync(new URL(file, base), 'utf8');

/** Rows of validation-results.tsv: file, validator, result, first errors. */
export function conformanceRows(): { file: string; validator: string; result: string }[] {
  return readConformance('validation-results.tsv')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [file = '', validator = '', result = ''] = l.split('\t');
      return { file, validator, result };
    });
}

export async function nationalRegulator(t: TestApp): Promise<Record<string, string>> {
  const username = await makeUser(t.deps, { role: 'regulator', jurisdictionCode: '100000', regulatorLevel: 'national' });
  return loginHeaders(t.app, username, PASSWORD);
}

export function captureJson(app: FastifyInstance, headers: Record<string, string>, body: string | object, extra: Record<string, string> = {}) {
  return call(app, headers, {
    method: 'POST', url: '/epcis/capture',
    headers: { 'content-type': 'application/ld+json', ...extra },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

export function epcisDocument(events: object[]): object {
  return { '@context': [CONTEXT], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-01T00:00:00Z', epcisBody: { eventList: events } };
}

/** A serialised unit of a GTIN as an EPC URN-free Digital Link. */
export const unitDl = (gtin: string, serial: string) => `https://id.example.cn/01/${gtin}/21/${serial}`;
export const locationDl = (gln: string) => `https://id.gs1.org/414/${gln}`;
export const partyDl = (gln: string) => `https://id.gs1.org/417/${gln}`;
