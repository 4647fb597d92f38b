import { describe, expect, it } from 'vitest';
import { requiredLicences } from './capture-rules.ts';
import { glnRef, listObjects, objectIdentity } from './epcis-identifiers.ts';
import { formatIssue } from '@lianjian/core';

describe('objectIdentity', () => {
  it('interns an EPC URN and a Digital Link of one unit under one GS1 key', () => {
    const urn = objectIdentity('urn:epc:id:sgtin:4012345.011111.987');
    expect(urn).toEqual({ code: 'gs1:01/04012345111118/21/987', kind: 'sgtin', di: '04012345111118', lot: null, serial: '987' });
    expect(objectIdentity('https://any.host.cn/01/04012345111118/21/987').code).toBe(urn.code);
    expect(objectIdentity('urn:epc:class:lgtin:4012345.011111.L1')).toMatchObject({ kind: 'lgtin', lot: 'L1' });
    expect(objectIdentity('urn:epc:id:sscc:4012345.0000000001').kind).toBe('sscc');
    expect(objectIdentity('urn:epc:idpat:sgtin:4012345.044444.*')).toMatchObject({ kind: 'other', code: 'urn:epc:idpat:sgtin:4012345.044444.*' });
    // HIBC (conformance/hibc/cases.json hibc-004, hibc-003) and MA: label and URI meet under one key, at the unit / lot level.
    const hibcUnit = { code: 'hibc:J123/AQ345/1/S/4012', kind: 'sgtin', di: 'J123AQ3451', lot: 'BC34567', serial: '4012' };
    expect(objectIdentity('hibc:J123/AQ345/1/L/BC34567/S/4012')).toEqual(hibcUnit);
    expect(objectIdentity('+J123AQ3451/25330BC34567/S4012X')).toEqual(hibcUnit);
    expect(objectIdentity('+J123AQ3451T+25330BC34567T2+S4012TJ')).toEqual(hibcUnit);
    expect(objectIdentity('MA.156.M0.100001.10000018.L2024A01.M240101')).toEqual({ code: 'ma:MA.156.M0.100001.10000018/L/2024A01', kind: 'lgtin', di: 'MA.156.M0.100001.10000018', lot: '2024A01', serial: null });
    expect(objectIdentity('hibc:nonsense')).toMatchObject({ kind: 'other', code: 'hibc:nonsense' });
  });
});

describe('glnRef', () => {
  it('reads SGLN / PGLN URNs and Digital Links on any host', () => {
    expect(glnRef('urn:epc:id:sgln:0614141.07346.1234')).toEqual({ ai: '414', gln: '0614141073467', extension: '1234' });
    expect(glnRef('urn:epc:id:pgln:0614141.07346')).toEqual({ ai: '417', gln: '0614141073467', extension: '0' });
    expect(glnRef('https://example.cn/414/0614141073467/254/7')).toEqual({ ai: '414', gln: '0614141073467', extension: '7' });
    expect(glnRef('https://id.gs1.org/417/0614141073467')).toMatchObject({ ai: '417' });
    expect(glnRef('urn:example:loc:1')).toBeNull();
  });
});

describe('listObjects', () => {
  it('keeps instances and classes apart with their paths', () => {
    const objects = listObjects({
      type: 'AggregationEvent', eventTime: '2026-01-01T00:00:00Z', eventTimeZoneOffset: '+00:00', action: 'ADD', parentID: 'urn:epc:id:sscc:4012345.0000000001',
      childEPCs: ['urn:epc:id:sgtin:4012345.011111.1'], childQuantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.011111.L1', quantity: 2 }],
    });
    expect(objects.map((o) => [o.role, o.path.join('.'), o.quantity])).toEqual([
      ['parent', 'parentID', null], ['child', 'childEPCs.0', null], ['child_quantity', 'childQuantityList.0.epcClass', 2],
    ]);
  });
});

describe('licence rules and messages', () => {
  it('asks class III shippers for a distribution licence and manufacturers for their production licence', () => {
    expect(requiredLicences('distributor', 3)).toEqual(['distribution_license']);
    expect(requiredLicences('distributor', 2)).toEqual(['distribution_filing', 'distribution_license']);
    expect(requiredLicences('manufacturer', 3)).toEqual(['production_license']);
    expect(requiredLicences('institution', 1)).toBeNull();
  });

  it('words the capture codes in zh-CN and en', () => {
    expect(formatIssue({ code: 'epcis.rule.di_unregistered', params: { di: '1' } }, 'zh-CN').message).toBe('产品标识 1 未在本平台注册');
    expect(formatIssue({ code: 'epcis.missing_action', params: { event: 2 } }, 'en').message).toBe('Event 3 has no action'); // eventList[2], counted from 1
  });
});
