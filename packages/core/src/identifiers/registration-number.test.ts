import { describe, expect, it } from 'vitest';
import { parseRegistrationNumber } from './registration-number.ts';

describe('registration certificate and filing numbers', () => {
  it('parses national, imported, HK/Macao/Taiwan and provincial registrations', () => {
    expect(parseRegistrationNumber('国械注准20193140001')).toMatchObject({
      ok: true, value: { kind: 'registration', issuer: '国', origin: '准', year: 2019, managementClass: 3, categoryCode: '14', serial: '0001', issuerRegionCode: null },
    });
    expect(parseRegistrationNumber('国械注进20173406789')).toMatchObject({ ok: true, value: { origin: '进', managementClass: 3, categoryCode: '40' } });
    expect(parseRegistrationNumber('国械注许20202060012')).toMatchObject({ ok: true, value: { origin: '许', managementClass: 2, categoryCode: '06' } });
    expect(parseRegistrationNumber('浙械注准20212140123')).toMatchObject({ ok: true, value: { issuer: '浙', issuerRegionCode: '330000', managementClass: 2 } });
  });

  it('parses class I filings with and without 号', () => {
    expect(parseRegistrationNumber('浙杭械备20200012号')).toMatchObject({ ok: true, value: { kind: 'filing', managementClass: 1, issuer: '浙', year: 2020, serial: '0012' } });
    expect(parseRegistrationNumber('国械备20200012')).toMatchObject({ ok: true, value: { kind: 'filing', issuer: '国' } });
  });

  it('rejects impossible numbers with the rule that failed', () => {
    expect(parseRegistrationNumber('浙械注准20213140123')).toMatchObject({ ok: false, issues: [{ code: 'registration_number.class_three_provincial' }] });
    expect(parseRegistrationNumber('国械注准20191140001')).toMatchObject({ ok: false, issues: [{ code: 'registration_number.class_one_registered' }] });
    expect(parseRegistrationNumber('国械注准20193990001')).toMatchObject({ ok: false, issues: [{ code: 'registration_number.category' }] });
    expect(parseRegistrationNumber('X械注准20192140001')).toMatchObject({ ok: false, issues: [{ code: 'registration_number.issuer' }] });
    expect(parseRegistrationNumber('国械注准2019314000')).toMatchObject({ ok: false, issues: [{ code: 'registration_number.format' }] });
  });
});
