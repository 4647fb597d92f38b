import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.ts';
import { call } from '../../test/test-app.ts';
import { captureJson, conformanceRows, nationalRegulator, readConformance } from './epcis.test-helpers.ts';

const t = useTestApp();
const rows = conformanceRows();
const validJson = rows.filter((r) => r.validator.startsWith('ajv') && r.result === 'VALID').map((r) => r.file);
const invalidJson = rows.filter((r) => r.validator.startsWith('ajv') && r.result === 'INVALID').map((r) => r.file);
const validXml = rows.filter((r) => r.validator.includes('epcis-2_0.xsd') && r.result === 'VALID').map((r) => r.file);
const invalidXml = rows.filter((r) => r.validator.includes('epcis-2_0.xsd') && r.result === 'INVALID').map((r) => r.file);

let headers: Record<string, string> | undefined;
const regulator = async () => (headers ??= await nationalRegulator(t()));

describe('conformance: a national regulator captures every valid GS1 JSON/JSON-LD example', () => {
  it('has the 77 valid and 44 invalid JSON examples of the reference run', () => {
    expect(validJson).toHaveLength(77);
    expect(invalidJson).toHaveLength(44);
  });

  it.each(validJson)('%s is accepted and stored', async (file) => {
    const res = await captureJson(t().app, await regulator(), readConformance(file));
    expect(res.statusCode, res.body).toBe(202);
    const body = res.json();
    expect(body.rejected).toBe(0);
    expect(body.accepted + body.duplicates).toBeGreaterThan(0);
    const job = await call(t().app, await regulator(), { method: 'GET', url: body.location });
    expect(job.json()).toMatchObject({ status: 'succeeded', rejected: 0, errors: [] });
    const stored = await sql<{ n: number }>`select count(*)::int as n from epcis_events where capture_job_id = ${body.captureId}::uuid`.execute(t().deps.db);
    expect(stored.rows[0]?.n).toBe(body.accepted);
  });

  it.each(invalidJson)('%s is rejected with 400 naming the rule', async (file) => {
    const res = await captureJson(t().app, await regulator(), readConformance(file));
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json();
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(body.code).toBe('epcis.capture.invalid_document');
    expect(body.errors.length).toBeGreaterThan(0);
    for (const e of body.errors) expect(e).toMatchObject({ code: expect.stringMatching(/^epcis\./), message: expect.any(String) });
  });
});

describe('conformance: XML capture', () => {
  it.each(validXml)('%s is accepted', async (file) => {
    const res = await call(t().app, await regulator(), { method: 'POST', url: '/epcis/capture', headers: { 'content-type': 'application/xml' }, payload: readConformance(file) });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().rejected).toBe(0);
  });

  it.each(invalidXml)('%s is rejected by the XSD', async (file) => {
    const res = await call(t().app, await regulator(), { method: 'POST', url: '/epcis/capture', headers: { 'content-type': 'application/xml' }, payload: readConformance(file) });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ code: expect.stringMatching(/^epcis\.xsd/) });
  });
});
