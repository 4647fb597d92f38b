import type { BatchInput, MaterialReceiptInput, ReleaseReportInput } from '@lianjian/core/records/production';
import type { AppDeps } from '../app-context.ts';
import type { RequestContext } from '../features/auth/actor.ts';
import { organizationsRepository } from '../features/organizations/organizations.repository.ts';
import { ProductionService } from '../features/production/production.service.ts';
import { usersRepository } from '../features/users/users.repository.ts';
import type { DemoBatch, DemoChain } from './demo-chain.ts';
import type { DemoWorld } from './demo-world.ts';

/**
 * Production records of the demo manufacturer's lots (issue 4, item 7): material receipts with
 * supplier qualifications and incoming inspection, batches with clean-room readings, release
 * reports. Written through ProductionService as the demo manufacturer's quality manager, so they
 * pass the same validation and raise the same quality flags as the API's.
 *
 * THE mask batch (医用外科口罩, lot of the README's recall example): its melt-blown layer's bacterial
 * filtration efficiency measured 93.1 % at release, below YY 0469-2011's 95 %, and it was released
 * anyway — flagged `released_with_failed_item`. The hip-implant lot has full, clean records.
 *
 * Every date follows the chain's own batch dates (which follow the reference date), so qualification
 * validity and release-before-shipping stay true whenever the demo is loaded. Material suppliers are
 * other demo manufacturers: the demo world has no material-supplier organisations, and adding some
 * would change the directory counts other parts of the demo rely on.
 */

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const yymmdd = (date: string) => date.slice(2).replaceAll('-', '');

export interface DemoProductionResult {
  receipts: number;
  batches: number;
  releases: number;
  flags: number;
  /** The batch the README points at. */
  maskBatch: { di: string; lot: string } | null;
  hipImplantBatch: { di: string; lot: string } | null;
}

interface Material {
  name: string;
  code: string;
  kind: MaterialReceiptInput['material']['kind'];
  supplier: number;
  quantity: number;
  unit: string;
  consumed: number;
  inspection: MaterialReceiptInput['incomingInspection']['items'];
}

/** Find the batch's first shipment (CBV shipping) among its events, as an epoch. */
function firstShipping(chain: DemoChain, b: DemoBatch): number | null {
  const events = chain.events.slice(b.firstEvent, b.firstEvent + b.eventCount).filter((e) => e.bizStep.endsWith('shipping') && e.disposition !== 'returned');
  const times = events.map((e) => Date.parse(e.eventTime));
  return times.length ? Math.min(...times) : null;
}

function qualifications(productionDate: string, n: number): MaterialReceiptInput['qualifications'] {
  const from = addDays(productionDate, -3 * 365);
  const to = addDays(productionDate, 2 * 365);
  return [
    { kind: 'business_license', number: `91330100MA2H${String(100000 + n).slice(-6)}`, issuer: '市场监督管理局', validFrom: addDays(productionDate, -8 * 365), validTo: addDays(productionDate, 20 * 365) },
    { kind: 'qms_certificate', number: `CQC-ISO13485-${String(2000 + n)}`, issuer: '中国质量认证中心', validFrom: from, validTo: to },
    { kind: 'test_report', number: `WT${yymmdd(productionDate)}${String(n).padStart(3, '0')}`, issuer: '浙江省医疗器械检验研究院', validFrom: addDays(productionDate, -60), validTo: addDays(productionDate, 305) },
  ];
}

const MASK_LIMITS = { particles05Max: 3_520_000, particles5Max: 29_300, temperatureMin: 18, temperatureMax: 26, humidityMin: 45, humidityMax: 65, pressureDiffMin: 10 };
const IMPLANT_LIMITS = { particles05Max: 352_000, particles5Max: 2_930, temperatureMin: 18, temperatureMax: 24, humidityMin: 45, humidityMax: 60, pressureDiffMin: 10 };

/** Four readings a day in each room; `excursion` puts one humidity reading out of limit. */
function readings(date: string, rooms: string[], base: { p05: number; p5: number; t: number; h: number; dp: number }, excursion: boolean): BatchInput['environmentReadings'] {
  const out: BatchInput['environmentReadings'] = [];
  rooms.forEach((room, r) => {
    ['08:00', '11:00', '14:00', '17:00'].forEach((time, i) => {
      const k = r * 4 + i;
      out.push({
        measuredAt: `${date}T${time}:00+08:00`, room, particles05: base.p05 + k * 7_300, particles5: base.p5 + k * 60, temperatureC: Math.round((base.t + (i % 3) * 0.6) * 10) / 10,
        humidityPct: excursion && r === 0 && i === 2 ? 67.2 : Math.round((base.h + i * 1.5) * 10) / 10, pressureDiffPa: base.dp + (k % 3),
      });
    });
  });
  return out;
}

export async function loadDemoProduction(deps: AppDeps, world: DemoWorld, chain: DemoChain): Promise<DemoProductionResult> {
  const owner = world.organizations.find((o) => o.key === 'mfr-0');
  const account = world.users.find((u) => u.organizationKey === 'mfr-0' && u.role === 'enterprise');
  const result: DemoProductionResult = { receipts: 0, batches: 0, releases: 0, flags: 0, maskBatch: null, hipImplantBatch: null };
  if (!owner || !account) return result;
  const user = await usersRepository.findByUsernameWithSecret(deps.db, account.username);
  if (!user?.organizationId) throw new Error(`demo account ${account.username} missing`);
  const ctx: RequestContext = {
    actor: { type: 'user', id: Number(user.id), name: user.username, role: 'enterprise', organizationId: Number(user.organizationId), organizationType: 'manufacturer', jurisdictionCode: null, regulatorLevel: null, department: account.department },
    ip: '127.0.0.1', userAgent: 'lianjian demo loader', locale: 'zh-CN',
  };

  // Suppliers: other demo manufacturers, by credit code (ids depend on load order, codes do not).
  const manufacturers = (await organizationsRepository.list(deps.db, { kind: 'all' }, { type: 'manufacturer' }, { limit: 1000, offset: 0 }, { column: 'o.id', direction: 'asc' })).items;
  const idOf = new Map(manufacturers.map((m) => [m.creditCode, m.id]));
  const others = world.organizations.filter((o) => o.type === 'manufacturer' && o.key !== 'mfr-0' && idOf.has(o.creditCode));
  if (others.length === 0) return result;
  const pick = (regionPrefix: string, n: number) => {
    const inRegion = others.filter((o) => o.regionCode.startsWith(regionPrefix));
    const list = inRegion.length > n ? inRegion : others;
    return idOf.get((list[n % list.length] as (typeof others)[number]).creditCode) as number;
  };
  const supplier = { nonWoven: pick('33', 1), meltBlown: pick('33', 2), earLoop: pick('32', 0), titanium: pick('32', 1), coating: pick('44', 0), packaging: pick('33', 3) };

  const service = new ProductionService(deps);
  const wellKnownLot = (key: string) => chain.wellKnown.find((u) => u.key === key);
  const maskLot = wellKnownLot('mask-lot');
  const hipLot = wellKnownLot('hip-implant-used');
  const batches = chain.batches.filter((b) => b.lot !== null && world.products[b.productIndex]?.holderKey === 'mfr-0');
  let n = 0;

  for (const b of batches) {
    const product = world.products[b.productIndex];
    if (!product || (product.deviceKind !== 'mask' && product.deviceKind !== 'hip_implant')) continue;
    const lot = b.lot as string;
    const isMask = product.deviceKind === 'mask';
    const theMask = isMask && maskLot?.di === b.di && maskLot.lot === lot;
    const purchase = addDays(b.productionDate, -12);
    const materials: Material[] = isMask
      ? [
          { name: '纺粘无纺布（外层）', code: 'SB-25', kind: 'non_woven', supplier: supplier.nonWoven, quantity: 800, unit: 'kg', consumed: Math.ceil(b.quantity * 0.0032), inspection: [
            { name: '单位面积质量', standard: 'FZ/T 64005-2011', lowerLimit: 23.5, upperLimit: 26.5, unit: 'g/m²', measuredValue: 25.1 },
            { name: '断裂强力（纵向）', standard: 'FZ/T 64005-2011', lowerLimit: 25, unit: 'N', measuredValue: 31.4 },
          ] },
          { name: '熔喷布（过滤层）', code: 'MB-25', kind: 'melt_blown', supplier: supplier.meltBlown, quantity: 500, unit: 'kg', consumed: Math.ceil(b.quantity * 0.0016), inspection: [
            { name: '细菌过滤效率（BFE）', standard: 'YY 0469-2011', method: '附录B', lowerLimit: 95, unit: '%', measuredValue: theMask ? 95.4 : 97.8 },
            { name: '颗粒过滤效率（PFE）', standard: 'YY 0469-2011', method: '5.6.2', lowerLimit: 30, unit: '%', measuredValue: 72.5 },
          ] },
          { name: '耳带（氨纶包覆丝）', code: 'EL-3', kind: 'ear_loop', supplier: supplier.earLoop, quantity: 200, unit: 'kg', consumed: Math.ceil(b.quantity * 0.0008), inspection: [
            { name: '耳带连接强力', standard: 'YY 0469-2011', method: '5.3', lowerLimit: 10, unit: 'N', measuredValue: 14.2 },
          ] },
        ]
      : [
          { name: 'TC4 钛合金棒材 Φ20', code: 'TI-TC4-20', kind: 'titanium_alloy', supplier: supplier.titanium, quantity: 120, unit: 'kg', consumed: Math.ceil(b.quantity * 0.6), inspection: [
            { name: '铝含量', standard: 'GB/T 13810-2017', lowerLimit: 5.5, upperLimit: 6.75, unit: '%', measuredValue: 6.1 },
            { name: '抗拉强度 Rm', standard: 'GB/T 13810-2017', lowerLimit: 860, unit: 'MPa', measuredValue: 948 },
          ] },
          { name: '羟基磷灰石涂层粉末', code: 'HA-PS-45', kind: 'ceramic', supplier: supplier.coating, quantity: 10, unit: 'kg', consumed: 1, inspection: [
            { name: '结晶度', standard: 'YY 0304-2009', lowerLimit: 45, unit: '%', measuredValue: 71 },
          ] },
          { name: '医用无菌屏障包装袋', code: 'PK-TYVEK-3', kind: 'packaging', supplier: supplier.packaging, quantity: 500, unit: '个', consumed: b.quantity, inspection: [
            { name: '密封强度', standard: 'YY/T 0698.5-2023', lowerLimit: 1.2, unit: 'N/15mm', measuredValue: 2.3 },
          ] },
        ];

    for (const m of materials) {
      n++;
      const input: MaterialReceiptInput = {
        supplierOrganizationId: m.supplier, material: { name: m.name, code: m.code, kind: m.kind }, materialLot: `${m.code.split('-')[0]}${yymmdd(purchase)}${lot.slice(-3)}`,
        quantity: m.quantity, unit: m.unit, purchaseDate: purchase, qualifications: qualifications(b.productionDate, n),
        incomingInspection: { items: m.inspection, result: 'pass', inspector: isMask ? '陈晓明（来料检验）' : '周海燕（来料检验）', date: addDays(purchase, 1) },
      };
      await service.createReceipt(ctx, input);
      result.receipts++;
    }

    const batchInput: BatchInput = {
      productDi: b.di, lot, quantity: b.quantity, productionDate: b.productionDate, ...(b.expiryDate && { expiryDate: b.expiryDate }),
      processRoute: isMask ? 'MK-R1 分切—内外层复合—耳带焊接—EO灭菌—解析' : 'HJ-R3 锻造—数控加工—HA等离子喷涂—清洗—钴60辐照灭菌',
      processVersion: isMask ? 'V2.1' : 'V4.0',
      materials: materials.map((m) => ({ materialCode: m.code, materialLot: `${m.code.split('-')[0]}${yymmdd(purchase)}${lot.slice(-3)}`, quantity: m.consumed, unit: m.unit })),
      environmentLimits: isMask ? MASK_LIMITS : IMPLANT_LIMITS,
      environmentReadings: isMask
        ? readings(b.productionDate, ['C级洁净车间（口罩成型）', 'C级洁净车间（包装）'], { p05: 1_280_000, p5: 9_100, t: 21.5, h: 52, dp: 12 }, theMask)
        : readings(b.productionDate, ['B级洁净车间（清洗）', 'B级洁净车间（初包装）'], { p05: 118_000, p5: 820, t: 20.8, h: 48, dp: 15 }, false),
    };
    const batch = (await service.createBatch(ctx, batchInput)).body;
    result.batches++;

    // Released on the day after production at 16:00, or 3 hours before the first shipment if that is earlier.
    const production = Date.parse(`${b.productionDate}T00:00:00+08:00`);
    const ship = firstShipping(chain, b);
    const decided = Math.max(production + 17 * 3_600_000, Math.min(production + DAY + 16 * 3_600_000, ship === null ? Number.POSITIVE_INFINITY : ship - 3 * 3_600_000));
    const decidedAt = `${new Date(decided + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
    const release: ReleaseReportInput = {
      batchId: batch.id, reportNo: `FX-${lot}`, inspector: isMask ? '李静（质量受权人）' : '吴文军（质量受权人）', decision: 'released', decidedAt,
      items: isMask
        ? [
            { name: '熔喷层细菌过滤效率（BFE）', standard: 'YY 0469-2011', method: '附录B', lowerLimit: 95, unit: '%', measuredValue: theMask ? 93.1 : 97.2 },
            { name: '颗粒过滤效率（PFE）', standard: 'YY 0469-2011', method: '5.6.2', lowerLimit: 30, unit: '%', measuredValue: theMask ? 66.4 : 74.8 },
            { name: '通气阻力（压力差 Δp）', standard: 'YY 0469-2011', method: '5.7', upperLimit: 49, unit: 'Pa', measuredValue: 38.5 },
            { name: '合成血液穿透', standard: 'YY 0469-2011', method: '5.5', upperLimit: 0, unit: '只', measuredValue: 0 },
            { name: '环氧乙烷残留量', standard: 'GB/T 14233.1-2022', upperLimit: 10, unit: 'μg/g', measuredValue: 2.1 },
            { name: '细菌菌落总数', standard: 'YY 0469-2011', method: '5.11', upperLimit: 100, unit: 'CFU/g', measuredValue: 12 },
          ]
        : [
            { name: '表面粗糙度 Ra（股骨头配合锥面）', standard: 'YY 0118-2016', upperLimit: 0.8, unit: 'μm', measuredValue: 0.42 },
            { name: '涂层厚度', standard: 'YY 0304-2009', lowerLimit: 50, upperLimit: 200, unit: 'μm', measuredValue: 118 },
            { name: '涂层拉伸强度', standard: 'YY 0304-2009', lowerLimit: 15, unit: 'MPa', measuredValue: 27.6 },
            { name: '细菌内毒素', standard: 'GB/T 14233.2-2005', upperLimit: 20, unit: 'EU/件', measuredValue: 3.2 },
            { name: '无菌试验（阳性管数）', standard: 'GB/T 14233.2-2005', upperLimit: 0, unit: '管', measuredValue: 0 },
          ],
    };
    await service.createRelease(ctx, release);
    result.releases++;
    if (theMask) result.maskBatch = { di: b.di, lot };
    if (hipLot?.di === b.di && hipLot.lot === lot) result.hipImplantBatch = { di: b.di, lot };
  }
  const flags = await service.listFlags(ctx, {}, { limit: 1, offset: 0 }, 'desc');
  result.flags = flags.total;
  return result;
}
