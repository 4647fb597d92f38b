import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.ts';
import { captureJson, CONTEXT, epcisDocument, nationalRegulator } from './epcis.test-helpers.ts';

// Small limits for this file's app only (read when the routes are registered).
process.env.LIANJIAN_EPCIS_MAX_EVENTS = '3';
process.env.LIANJIAN_EPCIS_MAX_BYTES = '4096';
const t = useTestApp();
afterAll(() => {
  delete process.env.LIANJIAN_EPCIS_MAX_EVENTS;
  delete process.env.LIANJIAN_EPCIS_MAX_BYTES;
});

const event = (n: number) => ({
  type: 'ObjectEvent', eventTime: `2026-03-01T09:00:0${n}+08:00`, eventTimeZoneOffset: '+08:00', action: 'OBSERVE', epcList: [`urn:epc:id:sgtin:4012345.011111.${n}`],
});

describe('capture limits', () => {
  it('answers 413 with a clear problem beyond the event limit', async () => {
    const headers = await nationalRegulator(t());
    expect((await captureJson(t().app, headers, epcisDocument([event(1), event(2), event(3)]))).statusCode).toBe(202);
    const res = await captureJson(t().app, headers, epcisDocument([event(1), event(2), event(3), event(4)]), { 'accept-language': 'en' });
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json()).toMatchObject({ code: 'request.too_large', params: { count: 4, maxEvents: 3 } });
    expect(res.json().title).toContain('3 events');
  });

  it('answers 413 beyond the byte limit, XML too', async () => {
    const headers = await nationalRegulator(t());
    const big = JSON.stringify({ ...(epcisDocument([event(1)]) as object), '@context': [CONTEXT, { pad: 'x'.repeat(5000) }] });
    const res = await captureJson(t().app, headers, big);
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().code).toBe('request.too_large');
    const xml = await captureJson(t().app, headers, `<x>${'y'.repeat(5000)}</x>`, { 'content-type': 'application/xml' });
    expect(xml.statusCode).toBe(413);
  });
});
