import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { QualityFlag } from '../api/dossier-types.ts';
import { EvidenceFacts, sourceText } from '../components/evidence-facts.tsx';
import { changeLanguage, i18n } from '../i18n/i18n.ts';
import { renderWithProviders } from '../test/render.tsx';
import { limitText } from './cells.tsx';
import { FlagAlerts } from './flag-alerts.tsx';

const BFE = { name: '熔喷层细菌过滤效率（BFE）', unit: '%', standard: 'YY 0469-2011', lowerLimit: 95, upperLimit: null, measuredValue: 93.1 };
const FLAG: QualityFlag = {
  id: 1, rule: 'released_with_failed_item', subjectType: 'batch', subjectKey: '1', organizationId: 15, regionCode: '330108', detectedAt: '2026-11-26T13:20:47.434+08:00',
  params: { lot: 'MK00101', batchId: 1, reportId: 1, decidedAt: '2026-06-14T16:00:00+08:00', productDi: '06990001001004', failedItems: [BFE] },
};

describe('dossier views', () => {
  afterEach(async () => {
    await changeLanguage('zh-CN');
  });

  it('words a quality flag with the shared catalogue in both languages and links to the flagged lot', async () => {
    await changeLanguage('zh-CN');
    const { unmount } = renderWithProviders(<FlagAlerts flags={[FLAG]} />);
    const flag = screen.getByTestId('quality-flag');
    expect(flag.textContent).toContain('批次 MK00101 放行检验有不合格项目，仍被放行');
    expect(flag.textContent).toContain('请核查放行报告');
    expect(flag.querySelector('a')?.getAttribute('href')).toBe('/lots/06990001001004/MK00101#release');
    unmount();
    await changeLanguage('en');
    renderWithProviders(<FlagAlerts flags={[FLAG]} onLotPage />);
    expect(screen.getByTestId('quality-flag').textContent).toMatch(/MK00101/);
    expect(screen.getByTestId('quality-flag').textContent).not.toContain('仍被放行');
    expect(screen.getByTestId('quality-flag').querySelector('a')?.getAttribute('href')).toBe('#release');
  });

  it('shows an alert’s evidence as facts: labelled, named, failed items in one line, no ids and no JSON', async () => {
    await changeLanguage('zh-CN');
    renderWithProviders(<EvidenceFacts evidence={{ lot: 'MK00101', flag: 'released_with_failed_item', flagId: 1, batchId: 1, decidedAt: '2026-06-14T16:00:00+08:00', failedItems: [BFE], organization: { id: 15, name: '杭州鼎盛医疗器械有限公司' } }} />);
    const text = screen.getByTestId('evidence-facts').textContent ?? '';
    expect(text).toContain('不合格项目');
    expect(text).toContain('熔喷层细菌过滤效率（BFE） 93.1 %（≥ 95） YY 0469-2011');
    expect(text).toContain('2026-06-14 16:00');
    expect(text).toContain('杭州鼎盛医疗器械有限公司');
    expect(text).toContain('放行检验有不合格项目');
    expect(text).not.toMatch(/flagId|batchId|\{"|"id"/);
  });

  it('says a quality flag with its lot, a capture rule and its facts in words, a signal’s prior in words', async () => {
    await changeLanguage('zh-CN');
    const { unmount } = renderWithProviders(<EvidenceFacts evidence={{ lot: 'MK00101', flag: 'released_with_failed_item', decidedAt: '2026-06-14T16:00:00+08:00' }} />);
    expect(screen.getByTestId('evidence-facts').textContent).toContain('批次 MK00101 放行检验有不合格项目，仍被放行');
    unmount();
    const evidence = { captureRule: 'epcis.rule.registration_invalid', di: '06990001001004', registration: '浙械注准20262140001', date: '2026-11-20', reason: 'expired' };
    const second = renderWithProviders(<EvidenceFacts evidence={evidence} />);
    let text = screen.getByTestId('evidence-facts').textContent ?? '';
    for (const words of ['日期', '违反的规则', '注册证编号', '产品标识 06990001001004 的注册证 浙械注准20262140001 在事件日期 2026-11-20 无效（已过期）']) expect(text).toContain(words);
    expect(text).not.toMatch(/epcis\.rule|capture rule|registration\b|\bdate\b/);
    second.unmount();
    const third = renderWithProviders(<EvidenceFacts evidence={{ n: 4, prior: 'fitted' }} />);
    expect(screen.getByTestId('evidence-facts').textContent).toContain('按本平台报告拟合');
    expect(screen.getByTestId('evidence-facts').textContent).not.toContain('fitted');
    third.unmount();
    await changeLanguage('en');
    renderWithProviders(<EvidenceFacts evidence={evidence} />);
    text = screen.getByTestId('evidence-facts').textContent ?? '';
    for (const words of ['Date', 'Rule broken', 'Registration number', 'The registration 浙械注准20262140001 of 06990001001004 is not valid on the event date 2026-11-20 (Expired)']) expect(text).toContain(words);
    expect(text).not.toContain('epcis.rule');
  });

  it('says a measured rate in words, not as its fields', async () => {
    await changeLanguage('en');
    renderWithProviders(<EvidenceFacts evidence={{ metric: { per: 100, kind: 'rate', value: 35.4839, numerator: 'maintenance_failures', denominator: 'maintenance_checks', numeratorCount: 11, denominatorCount: 31 } }} />);
    const text = screen.getByTestId('evidence-facts').textContent ?? '';
    expect(text).toContain('35.48 per 100 (11 of 31)');
    expect(text).not.toContain('maintenance_failures');
  });

  it('names what raised an alert: a rule in the core catalogue’s words, a signal, an indicator by its name', async () => {
    await changeLanguage('zh-CN');
    expect(sourceText(i18n.t, 'zh-CN', 'rule.released_with_failed_test', {})).toBe('检验不合格仍放行');
    expect(sourceText(i18n.t, 'zh-CN', 'signal.disproportionality', {})).toBe('不良事件不成比例信号');
    expect(sourceText(i18n.t, 'zh-CN', 'indicator.builtin.x', { indicator: { name: '维护检测不合格率', nameEn: 'Maintenance failure rate' } })).toBe('监测指标超阈值：维护检测不合格率');
    await changeLanguage('en');
    expect(sourceText(i18n.t, 'en', 'indicator.builtin.x', { indicator: { name: '维护检测不合格率', nameEn: 'Maintenance failure rate' } })).toBe('Indicator over its threshold: Maintenance failure rate');
  });

  it('writes a test item’s limits as the standard does', () => {
    expect(limitText(i18n.t, { lowerLimit: 95, upperLimit: null })).toBe('≥ 95');
    expect(limitText(i18n.t, { lowerLimit: null, upperLimit: 10 })).toBe('≤ 10');
    expect(limitText(i18n.t, { lowerLimit: 18, upperLimit: 26 })).toBe('18 – 26');
    expect(limitText(i18n.t, { lowerLimit: null, upperLimit: null })).toBe('—');
  });
});
