import { describe, expect, it } from 'vitest';
import { restrictedLotMoving } from './index.ts';
import { recallNotifyBy } from '../../records/lot-restriction.ts';

const recall = (recallLevel: number) => ({ kind: 'recall' as const, recallLevel, startedAt: '2026-03-01T00:00:00Z', liftedAt: null });
const suspension = { kind: 'suspension' as const, recallLevel: null, startedAt: '2026-03-01T00:00:00Z', liftedAt: null };
const ship = { bizStep: 'shipping', disposition: 'in_transit', eventTime: '2026-03-02T00:00:00Z', toRegistrant: false };

describe('a suspended or recalled lot moving on', () => {
  it('grades by measure: level I critical; level II, III and a suspension major', () => {
    expect(restrictedLotMoving(recall(1), ship)).toEqual({
      rule: 'rule.restricted_lot_moving', grade: 'critical', department: 'distribution_supervision',
      evidence: { restriction: { kind: 'recall', recallLevel: 1, startedAt: '2026-03-01T00:00:00Z', liftedAt: null }, step: 'shipping', disposition: 'in_transit', eventTime: '2026-03-02T00:00:00Z' },
    });
    expect(restrictedLotMoving(recall(2), ship)?.grade).toBe('major');
    expect(restrictedLotMoving(recall(3), ship)?.grade).toBe('major');
    expect(restrictedLotMoving(suspension, ship)?.grade).toBe('major');
  });

  it('routes use on a patient to enforcement and trade moves to distribution supervision', () => {
    expect(restrictedLotMoving(suspension, { ...ship, bizStep: 'dispensing', disposition: null })?.department).toBe('inspection_enforcement');
    expect(restrictedLotMoving(suspension, { ...ship, bizStep: 'receiving', disposition: 'in_progress' })?.department).toBe('distribution_supervision');
    expect(restrictedLotMoving(suspension, { ...ship, bizStep: 'retail_selling' })?.rule).toBe('rule.restricted_lot_moving');
  });

  it('lets recalled units flow back to the registrant', () => {
    expect(restrictedLotMoving(recall(1), { ...ship, disposition: 'returned' })).toBeNull();
    expect(restrictedLotMoving(recall(1), { ...ship, toRegistrant: true })).toBeNull();
    expect(restrictedLotMoving(recall(1), { ...ship, bizStep: 'receiving', toRegistrant: true })).toBeNull();
    // A "returned" disposition on a receipt elsewhere is still the lot moving on.
    expect(restrictedLotMoving(recall(1), { ...ship, bizStep: 'receiving', disposition: 'returned' })?.grade).toBe('critical');
  });

  it('looks only at events while the measure is in force, and only at moving steps', () => {
    expect(restrictedLotMoving(recall(2), { ...ship, eventTime: '2026-02-28T23:59:59Z' })).toBeNull();
    expect(restrictedLotMoving(recall(2), { ...ship, eventTime: '2026-03-01T00:00:00Z' })?.grade).toBe('major');
    const lifted = { ...recall(2), liftedAt: '2026-03-05T00:00:00Z' };
    expect(restrictedLotMoving(lifted, { ...ship, eventTime: '2026-03-04T23:00:00Z' })?.grade).toBe('major');
    expect(restrictedLotMoving(lifted, { ...ship, eventTime: '2026-03-05T00:00:00Z' })).toBeNull();
    expect(restrictedLotMoving(recall(1), { ...ship, bizStep: 'storing' })).toBeNull();
    expect(restrictedLotMoving(recall(1), { ...ship, bizStep: null })).toBeNull();
  });

  it('computes the notification deadline of a recall: 1 / 3 / 7 days by level', () => {
    const start = new Date('2026-03-01T02:00:00Z');
    expect([1, 2, 3].map((l) => recallNotifyBy(start, l as 1 | 2 | 3).toISOString())).toEqual(['2026-03-02T02:00:00.000Z', '2026-03-04T02:00:00.000Z', '2026-03-08T02:00:00.000Z']);
  });
});
