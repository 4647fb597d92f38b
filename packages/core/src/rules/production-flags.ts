/**
 * Quality flags over production records (issue 4, item 1): pure rules, evaluated by the server when
 * a batch or a release report is written and stored in `quality_flags` (one row per finding, so
 * re-evaluation never duplicates). The alerts and the risk engine read the flags; the words for
 * each rule live in the locales as `quality_flag.<rule>`.
 */

export const QUALITY_FLAG_RULES = ['supplier_qualification_lapsed', 'material_failed_inspection', 'released_with_failed_item', 'shipped_before_release'] as const;
export type QualityFlagRule = (typeof QUALITY_FLAG_RULES)[number];
export type QualityFlagSubject = 'batch' | 'material_lot' | 'lot';

export interface QualityFlagFinding {
  rule: QualityFlagRule;
  subjectType: QualityFlagSubject;
  /** batch: the batch id; material_lot: '<receipt id>/<batch id>'; lot: '<DI>/<lot>'. */
  subjectKey: string;
  params: Record<string, unknown>;
}

export interface FlagBatch {
  id: number;
  productDi: string;
  lot: string;
  /** YYYY-MM-DD */
  productionDate: string;
}

export interface FlagMaterialUse {
  receiptId: number;
  materialCode: string;
  materialName: string;
  materialLot: string;
  supplierOrganizationId: number;
  inspectionResult: 'pass' | 'fail';
  qualifications: { kind: string; number: string; validFrom: string; validTo: string }[];
}

/**
 * The supplier's documents that were not valid on a date (expired or not yet valid). With no
 * document at all the supplier was not qualified either: answered as one pseudo-entry `none`.
 * @example lapsedQualifications([{ kind: 'production_license', number: 'X', validFrom: '2021-01-01', validTo: '2025-12-31' }], '2026-03-01').length === 1
 */
export function lapsedQualifications(docs: FlagMaterialUse['qualifications'], date: string): { kind: string; number: string | null; validFrom: string | null; validTo: string | null }[] {
  if (docs.length === 0) return [{ kind: 'none', number: null, validFrom: null, validTo: null }];
  return docs.filter((d) => date < d.validFrom || date > d.validTo).map((d) => ({ kind: d.kind, number: d.number, validFrom: d.validFrom, validTo: d.validTo }));
}

const batchParams = (b: FlagBatch) => ({ batchId: b.id, productDi: b.productDi, lot: b.lot });

/** Flags of a batch's material use: a lot whose supplier was not qualified on the production date, a lot that failed incoming inspection. */
export function materialFlags(batch: FlagBatch, materials: FlagMaterialUse[]): QualityFlagFinding[] {
  const out: QualityFlagFinding[] = [];
  for (const m of materials) {
    const subjectKey = `${m.receiptId}/${batch.id}`;
    const material = { receiptId: m.receiptId, materialCode: m.materialCode, materialName: m.materialName, materialLot: m.materialLot, supplierOrganizationId: m.supplierOrganizationId };
    const lapsed = lapsedQualifications(m.qualifications, batch.productionDate);
    if (lapsed.length) {
      out.push({ rule: 'supplier_qualification_lapsed', subjectType: 'material_lot', subjectKey, params: { ...batchParams(batch), ...material, productionDate: batch.productionDate, lapsed } });
    }
    if (m.inspectionResult === 'fail') {
      out.push({ rule: 'material_failed_inspection', subjectType: 'material_lot', subjectKey, params: { ...batchParams(batch), ...material } });
    }
  }
  return out;
}

export interface FlagRelease {
  reportId: number;
  decision: 'released' | 'rejected';
  /** RFC 3339 instant */
  decidedAt: string;
  items: { name: string; standard: string | null; lowerLimit: number | null; upperLimit: number | null; unit: string; measuredValue: number; passed: boolean }[];
}

/**
 * Flags of a release decision: released although a test item failed; any unit of the lot shipped
 * (a CBV shipping event) before the decision was taken, whatever the decision.
 */
export function releaseFlags(batch: FlagBatch, release: FlagRelease, firstShippedAt: string | null): QualityFlagFinding[] {
  const out: QualityFlagFinding[] = [];
  const failed = release.items.filter((i) => !i.passed);
  if (release.decision === 'released' && failed.length) {
    out.push({
      rule: 'released_with_failed_item', subjectType: 'batch', subjectKey: String(batch.id),
      params: { ...batchParams(batch), reportId: release.reportId, decidedAt: release.decidedAt, failedItems: failed.map((i) => ({ name: i.name, standard: i.standard, lowerLimit: i.lowerLimit, upperLimit: i.upperLimit, unit: i.unit, measuredValue: i.measuredValue })) },
    });
  }
  if (firstShippedAt !== null && Date.parse(firstShippedAt) < Date.parse(release.decidedAt)) {
    out.push({
      rule: 'shipped_before_release', subjectType: 'lot', subjectKey: `${batch.productDi}/${batch.lot}`,
      params: { ...batchParams(batch), reportId: release.reportId, decision: release.decision, decidedAt: release.decidedAt, firstShippedAt, hoursEarly: Math.round((Date.parse(release.decidedAt) - Date.parse(firstShippedAt)) / 36e5) },
    });
  }
  return out;
}
