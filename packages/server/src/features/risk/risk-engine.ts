import { windowDays, type Attribution, type RiskFact, type RiskGrouping } from '@lianjian/core/risk/index';
import { disproportionality, type PairSignal } from '@lianjian/core/stats/disproportionality';
import { CAERS_THETA_HAT } from '@lianjian/core/stats/mgps-prior';
import { exposureRateTests } from '@lianjian/core/stats/poisson-test';
import { detectSurge, SURGE_DEFAULTS } from '@lianjian/core/stats/surge';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AlertCandidate, AlertDepartment, AlertGrade, AlertSubject } from '../alerts/alert-candidate.ts';
import { attributeReports, type EvidenceSources } from './risk-attribution.ts';
import { FACT_TABLES, riskFactsRepository } from './risk-facts.repository.ts';
import type { IndicatorRow } from './risk-indicators.repository.ts';
import { riskSignalsRepository, type ProductInfo } from './risk-signals.repository.ts';

/**
 * One statistical run: every enabled indicator, the weekly surge chart per product × city, and
 * disproportionality per product × IMDRF problem code, turned into alert candidates. Pure reading:
 * the caller hands the candidates to the alert service.
 */

/** Weeks a surge chart watches after its baseline, and how recent an alarm must be to be news. */
export const SURGE_MONITOR_WEEKS = 12;
export const SURGE_RECENT_WEEKS = 4;
/** MGPS signal rule (Szarfman et al. 2002): EB05 ≥ 2 with at least 3 reports. */
export const DISPROPORTIONALITY_EB05 = 2;
export const DISPROPORTIONALITY_MIN_N = 3;
/** A disproportionate problem seen in this many reports is a cluster: graded major (较大). */
export const DISPROPORTIONALITY_MAJOR_N = 5;
const DISPROPORTIONALITY_WINDOW_DAYS = 365;
const DAY = 86_400_000;

export interface SkippedIndicator {
  indicator: string;
  reason: string;
  table?: string;
  detail?: string;
}

export interface EngineResult {
  candidates: AlertCandidate[];
  skipped: SkippedIndicator[];
  summary: Record<string, number | string>;
}

type Progress = (stage: string, done: number, total: number) => Promise<void> | void;

interface Hit {
  key: string;
  value: number;
  numerator: number;
  denominator: number | null;
  extra: Record<string, unknown>;
}

const round = (x: number, d = 4) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

export class RiskEngine {
  readonly #db: Kysely<DB>;
  readonly #now: Date;
  #sources: EvidenceSources = { production: false, useRecords: false };
  readonly #products = new Map<number, ProductInfo>();

  constructor(db: Kysely<DB>, now: Date) {
    this.#db = db;
    this.#now = now;
  }

  async run(indicators: IndicatorRow[], progress: Progress): Promise<EngineResult> {
    const missing = await riskFactsRepository.missingTables(this.#db, ['release_reports', 'production_batches', 'clinical_uses', 'maintenance_records']);
    this.#sources = { production: !missing.includes('release_reports') && !missing.includes('production_batches'), useRecords: !missing.includes('clinical_uses') && !missing.includes('maintenance_records') };
    const candidates: AlertCandidate[] = [];
    const skipped: SkippedIndicator[] = [];
    const summary: Record<string, number | string> = {};
    const enabled = indicators.filter((i) => i.enabled);
    const total = enabled.length + 2;
    let done = 0;
    for (const indicator of enabled) {
      await progress(`indicator:${indicator.code}`, done, total);
      const out = await this.#indicator(indicator);
      if ('skipped' in out) skipped.push(out.skipped);
      else {
        candidates.push(...out.candidates);
        summary[indicator.code] = out.candidates.length;
      }
      done++;
    }
    await progress('surge', done, total);
    const surge = await this.#surge();
    candidates.push(...surge);
    summary['signal.surge'] = surge.length;
    done++;
    await progress('disproportionality', done, total);
    const dp = await this.#disproportionality();
    if ('skipped' in dp) skipped.push(dp.skipped);
    else {
      candidates.push(...dp.candidates);
      summary['signal.disproportionality'] = dp.candidates.length;
      summary['disproportionality.prior'] = dp.prior;
    }
    await progress('alerts', total, total);
    return { candidates, skipped, summary };
  }

  // ---- indicators ---------------------------------------------------------------------------------

  async #indicator(ind: IndicatorRow): Promise<{ candidates: AlertCandidate[] } | { skipped: SkippedIndicator }> {
    const metric = ind.metric;
    const numerator = metric.numerator as RiskFact;
    const denominator = metric.denominator as RiskFact | null;
    const grouping = ind.grouping as RiskGrouping;
    const tables = [...new Set([...FACT_TABLES[numerator], ...(denominator ? FACT_TABLES[denominator] : [])])];
    const missing = await riskFactsRepository.missingTables(this.#db, tables);
    if (missing.length) return { skipped: { indicator: ind.code, reason: 'risk.run.skipped_missing_table', table: missing.join(', ') } };
    const days = windowDays({ unit: ind.window_unit, length: ind.window_length });
    const from = new Date(this.#now.getTime() - days * DAY);
    const hits: Hit[] = [];
    if (ind.method === 'cusum') {
      const weeks = Math.floor(days / 7);
      const rows = await riskFactsRepository.weekly(this.#db, { kind: 'all' }, numerator, grouping, this.#now, weeks);
      const series = new Map<string, number[]>();
      for (const r of rows) {
        let s = series.get(r.key);
        if (!s) series.set(r.key, (s = new Array<number>(weeks).fill(0)));
        s[weeks - 1 - r.weeksAgo] = r.n;
      }
      for (const [key, counts] of series) {
        const r = detectSurge(counts, { targetArl: ind.threshold, minReports: ind.min_count });
        const last = r.alarms.at(-1);
        if (last !== undefined && last >= weeks - SURGE_RECENT_WEEKS) {
          hits.push({ key, value: counts[last] ?? 0, numerator: counts.slice(-SURGE_RECENT_WEEKS).reduce((a, b) => a + b, 0), denominator: null, extra: { inControlMean: round(r.inControlMean), h: r.h, k: r.k, weekly: counts.slice(-SURGE_MONITOR_WEEKS) } });
        }
      }
    } else {
      const num = await riskFactsRepository.count(this.#db, { kind: 'all' }, numerator, grouping, from, this.#now);
      const den = denominator ? new Map((await riskFactsRepository.count(this.#db, { kind: 'all' }, denominator, grouping, from, this.#now)).map((r) => [r.key, r.n])) : null;
      if (ind.method === 'threshold') {
        for (const r of num) {
          if (r.n < ind.min_count) continue;
          if (den) {
            const d = den.get(r.key) ?? 0;
            if (d <= 0) continue;
            const rate = (r.n / d) * metric.per;
            if (rate > ind.threshold) hits.push({ key: r.key, value: rate, numerator: r.n, denominator: d, extra: { per: metric.per } });
          } else if (r.n > ind.threshold) hits.push({ key: r.key, value: r.n, numerator: r.n, denominator: null, extra: {} });
        }
      } else {
        // Exact Poisson test of each group's rate against its siblings' pooled: for lots the other
        // lots of the same product, for products the other products of the same kind (a pump's rate
        // per unit in service is not comparable with a syringe's per unit used), otherwise every
        // other group. Groups without exposure are left out.
        const counts = new Map(num.map((r) => [r.key, r.n]));
        const units = [...(den ?? new Map<string, number>())].filter(([, d]) => d > 0).map(([key, d]) => ({ id: key, reports: Math.round(counts.get(key) ?? 0), exposure: d }));
        const kinds = grouping === 'product' || grouping === 'equipment_model' ? await riskSignalsRepository.products(this.#db, units.map((u) => Number(u.id))) : undefined;
        for (const [k, v] of kinds ?? []) this.#products.set(k, v);
        const families = new Map<string, typeof units>();
        for (const u of units) {
          const family = grouping === 'lot' ? (u.id.split('|')[0] ?? '') : kinds ? (kinds.get(Number(u.id))?.deviceKind ?? '') : '';
          let f = families.get(family);
          if (!f) families.set(family, (f = []));
          f.push(u);
        }
        for (const family of families.values()) {
          if (family.length < 2) continue;
          for (const t of exposureRateTests(family, { per: metric.per })) {
            if (t.count >= ind.min_count && t.pValue < ind.threshold && t.rateRatio > 1) {
              hits.push({ key: t.id, value: t.rate, numerator: t.count, denominator: t.exposure, extra: { per: metric.per, referenceRate: round(t.referenceRate), rateRatio: round(t.rateRatio), rateRatioLower: round(t.lower), pValue: t.pValue, expected: round(t.expected) } });
            }
          }
        }
      }
    }
    const candidates: AlertCandidate[] = [];
    for (const h of hits) {
      const subject = await this.#subject(grouping, h.key);
      if (!subject) continue;
      const attribution = numerator === 'ae_reports' ? await this.#attributionForGroup(grouping, h.key, from) : undefined;
      candidates.push({
        source: `indicator.${ind.code}`, subject: subject.subject, grade: ind.grade, regionCode: subject.regionCode, department: ind.department as AlertDepartment,
        evidence: {
          indicator: { code: ind.code, name: ind.name, nameEn: ind.name_en, method: ind.method, threshold: ind.threshold, version: ind.version, window: { unit: ind.window_unit, length: ind.window_length } },
          metric: { kind: metric.kind, numerator, denominator, value: round(h.value), numeratorCount: h.numerator, denominatorCount: h.denominator, ...h.extra },
          windowFrom: from.toISOString(), windowTo: this.#now.toISOString(),
        },
        ...(attribution && { attribution }),
      });
    }
    return { candidates };
  }

  async #product(id: number): Promise<ProductInfo | undefined> {
    if (!this.#products.has(id)) for (const [k, v] of await riskSignalsRepository.products(this.#db, [id])) this.#products.set(k, v);
    return this.#products.get(id);
  }

  /** What a group key is about, and where (the routing starts from its region). */
  async #subject(grouping: RiskGrouping, key: string): Promise<{ subject: AlertSubject; regionCode: string } | undefined> {
    switch (grouping) {
      case 'product':
      case 'equipment_model': {
        const p = await this.#product(Number(key));
        if (!p) return undefined;
        return { subject: { type: 'product', key: p.di ?? `product:${p.id}`, label: `${p.name} ${p.model}`, ...(p.di && { di: p.di }), organizationId: p.registrantId }, regionCode: p.registrantRegion };
      }
      case 'lot': {
        const [pid = '', ...rest] = key.split('|');
        const lot = rest.join('|');
        const p = await this.#product(Number(pid));
        if (!p) return undefined;
        return { subject: { type: 'lot', key: `${p.di ?? `product:${p.id}`}|${lot}`, label: `${p.name} ${p.model} ${lot}`, ...(p.di && { di: p.di }), lot, organizationId: p.registrantId }, regionCode: p.registrantRegion };
      }
      case 'region_province':
      case 'region_city':
        return { subject: { type: 'region', key, label: key }, regionCode: key };
      default: {
        const org = (await riskSignalsRepository.organizations(this.#db, [Number(key)])).get(Number(key));
        if (!org) return undefined;
        return { subject: { type: 'organization', key: String(org.id), label: org.name, organizationId: org.id }, regionCode: org.regionCode };
      }
    }
  }

  /** Attribution for an AE-rate group: the reports behind it, for a place the product it reports most. */
  async #attributionForGroup(grouping: RiskGrouping, key: string, from: Date): Promise<Attribution | undefined> {
    const to = this.#now;
    let productId: number | undefined;
    const f: Parameters<typeof riskSignalsRepository.reportsBehind>[1] = { from, to };
    if (grouping === 'product') productId = Number(key);
    else if (grouping === 'lot') {
      const [pid = '', ...rest] = key.split('|');
      productId = Number(pid);
      f.lot = rest.join('|');
    } else if (grouping === 'institution' || grouping === 'reporter') {
      f.reporterId = Number(key);
      productId = await riskSignalsRepository.dominantProduct(this.#db, { reporterId: f.reporterId, from, to });
    } else if (grouping === 'region_city' || grouping === 'region_province') {
      f.cityPrefix = grouping === 'region_city' ? key.slice(0, 4) : key.slice(0, 2);
      productId = await riskSignalsRepository.dominantProduct(this.#db, { regionPrefix: f.cityPrefix, from, to });
    } else return undefined;
    if (productId === undefined) return undefined;
    const reports = await riskSignalsRepository.reportsBehind(this.#db, { ...f, productId });
    return attributeReports(this.#db, this.#sources, productId, reports, this.#now);
  }

  // ---- surge ----------------------------------------------------------------------------------------

  async #surge(): Promise<AlertCandidate[]> {
    const weeks = SURGE_DEFAULTS.baselineWeeks + SURGE_MONITOR_WEEKS;
    const rows = await riskSignalsRepository.aeWeeklyProductCity(this.#db, this.#now, weeks);
    const series = new Map<string, number[]>();
    for (const r of rows) {
      const key = `${r.productId}|${r.city}`;
      let s = series.get(key);
      if (!s) series.set(key, (s = new Array<number>(weeks).fill(0)));
      s[weeks - 1 - r.weeksAgo] = r.n;
    }
    const out: AlertCandidate[] = [];
    for (const [key, counts] of series) {
      if (counts.slice(-SURGE_RECENT_WEEKS).reduce((a, b) => a + b, 0) < SURGE_DEFAULTS.minReports) continue;
      const r = detectSurge(counts);
      const alarm = r.alarms.at(-1);
      if (alarm === undefined || alarm < weeks - SURGE_RECENT_WEEKS) continue;
      const [pid = '', city = ''] = key.split('|');
      const p = await this.#product(Number(pid));
      if (!p) continue;
      const from = new Date(this.#now.getTime() - SURGE_MONITOR_WEEKS * 7 * DAY);
      const reports = await riskSignalsRepository.reportsBehind(this.#db, { productId: p.id, cityPrefix: city.slice(0, 4), from, to: this.#now });
      const codes = await riskSignalsRepository.topCodes(this.#db, reports.map((x) => x.id));
      const di = p.di ?? `product:${p.id}`;
      out.push({
        source: 'signal.surge', subject: { type: 'product', key: `${di}@${city}`, label: `${p.name} ${p.model} · ${city}`, ...(p.di && { di: p.di }), organizationId: p.registrantId },
        grade: 'major', regionCode: city, department: 'ae_monitoring',
        evidence: {
          method: 'poisson_cusum', productId: p.id, city, weekly: counts.slice(-SURGE_MONITOR_WEEKS), baselineWeeks: SURGE_DEFAULTS.baselineWeeks,
          inControlMean: round(r.inControlMean), k: r.k, h: r.h, arl0: Math.round(r.arl0), alarmWeeksAgo: weeks - 1 - alarm, topCodes: codes,
        },
        attribution: await attributeReports(this.#db, this.#sources, p.id, reports, this.#now),
      });
    }
    return out;
  }

  // ---- disproportionality ---------------------------------------------------------------------------

  async #disproportionality(): Promise<{ candidates: AlertCandidate[]; prior: string } | { skipped: SkippedIndicator }> {
    const from = new Date(this.#now.getTime() - DISPROPORTIONALITY_WINDOW_DAYS * DAY);
    const rows = await riskSignalsRepository.aeProblemRows(this.#db, from, this.#now);
    if (new Set(rows.map((r) => r.product)).size < 2 || new Set(rows.map((r) => r.event)).size < 2) {
      return { skipped: { indicator: 'signal.disproportionality', reason: 'risk.run.too_few_reports', detail: `${rows.length} report-code rows` } };
    }
    // The prior is fitted to the platform's own reports; a small or degenerate table can fail to
    // fit, and then the published CAERS prior (openEBGM vignette) stands in, as the run records.
    let result = disproportionality({ reports: rows });
    let prior = 'fitted';
    if (!result.ok) {
      result = disproportionality({ reports: rows }, { prior: CAERS_THETA_HAT });
      prior = 'caers';
    }
    if (!result.ok) return { skipped: { indicator: 'signal.disproportionality', reason: 'risk.run.disproportionality_failed', detail: JSON.stringify(result.issues[0] ?? {}) } };
    const signals = result.value.pairs.filter((p: PairSignal) => p.n >= DISPROPORTIONALITY_MIN_N && p.eb05 >= DISPROPORTIONALITY_EB05);
    const out: AlertCandidate[] = [];
    for (const s of signals) {
      const p = await this.#product(Number(s.product));
      if (!p) continue;
      const reports = await riskSignalsRepository.reportsBehind(this.#db, { productId: p.id, code: s.event, from, to: this.#now });
      const attribution = await attributeReports(this.#db, this.#sources, p.id, reports, this.#now);
      const institutions = [...new Set(reports.map((r) => r.reporterId))];
      // Routing follows the attribution: a device problem to production supervision where the
      // registrant sits; a use problem at one institution to inspection where that institution is.
      let regionCode = p.registrantRegion;
      let department: AlertDepartment = 'ae_monitoring';
      if (attribution.label === 'quality') department = 'production_supervision';
      else if (attribution.label === 'use') {
        department = 'inspection_enforcement';
        if (institutions.length === 1) regionCode = reports[0]?.regionCode ?? regionCode;
      }
      const grade: AlertGrade = s.n >= DISPROPORTIONALITY_MAJOR_N ? 'major' : 'general';
      const di = p.di ?? `product:${p.id}`;
      out.push({
        source: 'signal.disproportionality', subject: { type: 'product', key: `${di}#${s.event}`, label: `${p.name} ${p.model} · ${s.event}`, ...(p.di && { di: p.di }), organizationId: p.registrantId },
        grade, regionCode, department,
        evidence: {
          productId: p.id, imdrfCode: s.event, n: s.n, expected: round(s.expected), prr: round(s.prr), prrLower: round(s.prrLower), ror: round(s.ror), rorLower: round(s.rorLower),
          ic: round(s.ic), ic025: round(s.ic025), ebgm: round(s.ebgm), eb05: round(s.eb05), eb95: round(s.eb95), prior, institutions: institutions.length, windowDays: DISPROPORTIONALITY_WINDOW_DAYS,
        },
        attribution,
      });
    }
    return { candidates: out, prior };
  }
}
