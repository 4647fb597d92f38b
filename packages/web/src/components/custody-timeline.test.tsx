import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TraceStep } from '../api/types.ts';
import { changeLanguage } from '../i18n/i18n.ts';
import { renderWithProviders } from '../test/render.tsx';
import { CustodyTimeline } from './custody-timeline.tsx';

const org = (organizationId: number, name: string) => ({ organizationId, gln: null, name, regionCode: '330106', type: 'distributor', restricted: false });
// A shipment as GET /api/trace answers it: the buyer's purchase order and the shipper's delivery note.
const SHIP: TraceStep = {
  eventId: 7, time: '2026-03-01T10:00:00.000+08:00', eventType: 'ObjectEvent', action: 'OBSERVE', bizStep: 'shipping', disposition: 'in_transit', effect: 'ship',
  organizationId: 1, name: '杭州示例医疗器械有限公司', regionCode: '330106', organization: org(1, '杭州示例医疗器械有限公司'), from: null, to: org(2, '浙江示例医药有限公司'),
  quantity: null, readings: [], excursion: false,
  documents: [{ type: 'po', id: 'urn:epcglobal:cbv:bt:6901234000011:PO-2026-001' }, { type: 'urn:epcglobal:cbv:btt:desadv', id: 'urn:epcglobal:cbv:bt:6901234000004:DN%2F77' }],
};

describe('custody timeline', () => {
  afterEach(async () => {
    await changeLanguage('zh-CN');
  });

  it('names the documents a step cites by type and number, with the issuer on hover, in both languages', async () => {
    const { unmount } = renderWithProviders(<CustodyTimeline steps={[SHIP, { ...SHIP, eventId: 8, effect: 'receive', bizStep: 'receiving', documents: [] }]} />);
    const docs = screen.getAllByTestId('step-documents');
    expect(docs).toHaveLength(1);
    expect(docs[0]?.textContent).toBe('单据: 采购订单 PO-2026-001送货单 DN/77');
    expect(docs[0]?.querySelectorAll('[title]')[1]?.getAttribute('title')).toBe('出具方 GLN 6901234000004');
    unmount();
    await changeLanguage('en');
    renderWithProviders(<CustodyTimeline steps={[SHIP]} />);
    expect(screen.getByTestId('step-documents').textContent).toBe('Documents: Purchase order PO-2026-001Delivery note DN/77');
  });
});
