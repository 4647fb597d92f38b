import { describe, expect, it } from 'vitest';
import {
  allowedActions, coldChainExcursion, diversion, expiredUnit, lateReport, levelOf, nextLevel, nextStatus, officeRegion, overdueInvestigation, overuse, qualityFlagHit,
  serialAtTwoPlaces, violationHit,
} from './index.ts';

describe('alert lifecycle', () => {
  it('allows new → acknowledged → verifying → confirmed and dismiss from any open status', () => {
    expect(nextStatus('new', 'acknowledge')).toBe('acknowledged');
    expect(nextStatus('acknowledged', 'verify')).toBe('verifying');
    expect(nextStatus('verifying', 'confirm')).toBe('confirmed');
    expect(nextStatus('verifying', 'dismiss')).toBe('dismissed');
    expect(nextStatus('new', 'verify')).toBe('verifying');
  });
  it('refuses moves out of order and out of closed statuses', () => {
    expect(nextStatus('new', 'confirm')).toBeNull();
    expect(nextStatus('acknowledged', 'acknowledge')).toBeNull();
    expect(nextStatus('confirmed', 'dismiss')).toBeNull();
    expect(nextStatus('dismissed', 'verify')).toBeNull();
    expect(allowedActions('acknowledged')).toEqual(['verify', 'dismiss']);
    expect(allowedActions('confirmed')).toEqual([]);
  });
});

describe('routing', () => {
  it('finds the city, province and national office of a place', () => {
    expect(officeRegion('330106', 'city')).toBe('330100');
    expect(officeRegion('330106', 'province')).toBe('330000');
    expect(officeRegion('330106', 'national')).toBe('000000');
    expect(officeRegion('330000', 'city')).toBe('330000');
    expect(() => officeRegion('33', 'city')).toThrow(RangeError);
  });
  it('escalates city → province → national and stops there', () => {
    expect([nextLevel('city'), nextLevel('province'), nextLevel('national')]).toEqual(['province', 'national', null]);
    expect([levelOf('city'), levelOf('national'), levelOf('province'), levelOf('registrant'), levelOf(undefined)]).toEqual(['city', 'national', 'province', 'province', 'province']);
  });
});

describe('compliance rules', () => {
  it('maps capture violations to alerts and ignores data-quality ones', () => {
    expect(violationHit('epcis.rule.registration_invalid', { di: '06901234567892', reason: 'expired' })).toEqual({
      rule: 'rule.registration_invalid', grade: 'major', department: 'distribution_supervision', evidence: { captureRule: 'epcis.rule.registration_invalid', di: '06901234567892', reason: 'expired' },
    });
    expect(violationHit('epcis.rule.di_unregistered', {})?.department).toBe('inspection_enforcement');
    expect(violationHit('epcis.rule.shipper_unlicensed', {})?.rule).toBe('rule.shipper_unlicensed');
    expect(violationHit('epcis.rule.location_unknown', {})).toBeNull();
  });

  it('finds a cold-chain excursion (Celsius and Fahrenheit, min/max readings) and the worst value', () => {
    const range = { min: 2, max: 8 };
    const ok = { type: 'Temperature', value: 5, minValue: null, maxValue: null, uom: 'CEL', time: '2026-01-01T00:00:00Z' };
    expect(coldChainExcursion([ok], range)).toBeNull();
    const hit = coldChainExcursion([ok, { ...ok, value: null, minValue: 3, maxValue: 12.5, time: '2026-01-01T01:00:00Z' }, { ...ok, value: 50, uom: 'FAH', time: '2026-01-01T02:00:00Z' }], range);
    expect(hit?.evidence).toEqual({ rangeC: { min: 2, max: 8 }, worstC: 12.5, worstAt: '2026-01-01T01:00:00Z', readingsOutside: 2 });
    expect(coldChainExcursion([{ ...ok, value: 30, type: 'Humidity' }], range)).toBeNull();
    expect(coldChainExcursion([{ ...ok, value: 30 }], { min: null, max: null })).toBeNull();
  });

  it('flags an expired unit at receipt (general) and at use (major)', () => {
    expect(expiredUnit({ step: 'receiving', eventDate: '2026-03-01', expiryDate: '2026-03-01' })).toBeNull();
    expect(expiredUnit({ step: 'receiving', eventDate: '2026-03-03', expiryDate: '2026-03-01' })).toMatchObject({ grade: 'general', evidence: { daysPast: 2, step: 'receipt' } });
    expect(expiredUnit({ step: 'dispensing', eventDate: '2026-03-02', expiryDate: '2026-03-01' })).toMatchObject({ grade: 'major', department: 'inspection_enforcement' });
    expect(expiredUnit({ step: 'dispensing', eventDate: '2026-03-02', expiryDate: null })).toBeNull();
  });

  it('flags a shipment not received within N days', () => {
    expect(diversion({ shippedAt: '2026-01-01T00:00:00Z', now: '2026-01-15T00:00:00Z', quantity: 5 })).toBeNull();
    expect(diversion({ shippedAt: '2026-01-01T00:00:00Z', now: '2026-01-16T00:00:00Z', quantity: 5 })?.evidence).toMatchObject({ daysInTransit: 15, maxDays: 14 });
    expect(diversion({ shippedAt: '2026-01-01T00:00:00Z', now: '2026-01-04T00:00:00Z', quantity: 5, maxDays: 2 })?.grade).toBe('general');
  });

  it('flags more used than received and one serial at two places', () => {
    expect(overuse({ received: 10, used: 10 })).toBeNull();
    expect(overuse({ received: 10, used: 13 })).toMatchObject({ grade: 'critical', evidence: { excess: 3 } });
    const at = (organizationId: number, bizStep: string, time: string) => ({ organizationId, bizStep, time });
    expect(serialAtTwoPlaces([at(1, 'receiving', '2026-01-01T00:00:00Z'), at(1, 'dispensing', '2026-01-02T00:00:00Z')])).toBeNull();
    expect(serialAtTwoPlaces([at(1, 'dispensing', '2026-01-02T00:00:00Z'), at(2, 'dispensing', '2026-01-09T00:00:00Z')])?.evidence).toMatchObject({ reason: 'used_twice', organizationIds: [1, 2] });
    expect(serialAtTwoPlaces([at(1, 'storing', '2026-01-02T00:00:00Z'), at(2, 'storing', '2026-01-02T00:30:00Z')])?.evidence).toMatchObject({ reason: 'simultaneous' });
    expect(serialAtTwoPlaces([at(1, 'storing', '2026-01-02T00:00:00Z'), at(2, 'storing', '2026-01-03T00:30:00Z')])).toBeNull();
  });

  it('grades late adverse-event reports by outcome and maps production quality flags', () => {
    const base = { late: true, lateByHours: 30, deadlineRule: 'ae.death', deadline: 'x', submittedAt: 'y' };
    expect(lateReport({ ...base, outcome: 'death' })?.grade).toBe('critical');
    expect(lateReport({ ...base, outcome: 'serious_injury' })?.grade).toBe('major');
    expect(lateReport({ ...base, outcome: 'other' })).toMatchObject({ grade: 'general', department: 'ae_monitoring' });
    expect(lateReport({ ...base, late: false, outcome: 'death' })).toBeNull();
    expect(qualityFlagHit('released_with_failed_item', { lot: 'M1' })).toMatchObject({ rule: 'rule.released_with_failed_test', grade: 'critical', department: 'production_supervision', evidence: { lot: 'M1' } });
    expect(qualityFlagHit('shipped_before_release', {})?.grade).toBe('major');
    expect(qualityFlagHit('material_failed_inspection', {})).toBeNull();
  });

  it('flags a registrant investigation past its due date until a final filing, graded by cluster and outcome', () => {
    const base = { outcome: 'serious_injury', cluster: false, dueRule: 'ae.registrant_investigation', dueAt: '2026-03-01T00:00:00Z', now: '2026-03-02T06:30:00Z', lastFiledAt: null, lastStatus: null };
    expect(overdueInvestigation(base)).toEqual({
      rule: 'rule.ae_investigation_overdue', grade: 'major', department: 'ae_monitoring',
      evidence: { outcome: 'serious_injury', cluster: false, dueRule: 'ae.registrant_investigation', dueAt: '2026-03-01T00:00:00Z', overdueHours: 30, lastStatus: null },
    });
    expect(overdueInvestigation({ ...base, now: '2026-03-01T00:00:00Z' })).toBeNull();
    expect(overdueInvestigation({ ...base, now: '2026-02-28T00:00:00Z' })).toBeNull();
    expect(overdueInvestigation({ ...base, lastFiledAt: '2026-02-20T00:00:00Z', lastStatus: 'final' })).toBeNull();
    expect(overdueInvestigation({ ...base, lastFiledAt: '2026-02-20T00:00:00Z', lastStatus: 'in_progress' })?.evidence.lastStatus).toBe('in_progress');
    expect(overdueInvestigation({ ...base, outcome: 'death' })?.grade).toBe('critical');
    expect(overdueInvestigation({ ...base, cluster: true, outcome: 'other' })?.grade).toBe('critical');
    expect(overdueInvestigation({ ...base, outcome: 'other' })?.grade).toBe('general');
  });
});
