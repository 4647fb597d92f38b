import { attributeSignal, type Attribution } from '@lianjian/core/risk/index';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { riskFactsRepository } from './risk-facts.repository.ts';
import { riskSignalsRepository, type ReportBehind } from './risk-signals.repository.ts';

/** Which optional modules are installed (their tables exist): what evidence can be looked up at all. */
export interface EvidenceSources {
  production: boolean;
  useRecords: boolean;
}

/**
 * Gathers the evidence behind a signal about one product's reports and weighs it (core/risk
 * attribution). Missing modules contribute no evidence rather than evidence of absence. The
 * registrant's investigation conclusions (IMDRF Annex D) of these reports are looked up here and
 * added to any codes the caller passes.
 */
export async function attributeReports(db: Kysely<DB>, sources: EvidenceSources, productId: number, reports: ReportBehind[], asOf: Date, investigationCodes: string[] = []): Promise<Attribution> {
  const reporters = [...new Set(reports.map((r) => r.reporterId))];
  const institutions = [...new Set(reports.filter((r) => r.reporterType === 'institution').map((r) => r.reporterId))];
  const cities = new Set(reports.map((r) => r.regionCode.slice(0, 4)));
  const lots = [...new Set(reports.map((r) => r.lot).filter((l): l is string => l !== null))];
  const productionRecords = sources.production ? await riskSignalsRepository.lotProduction(db, productId, lots) : undefined;
  const operators = sources.useRecords ? await riskSignalsRepository.operators(db, productId, institutions) : undefined;
  const maintenance = sources.useRecords ? await riskSignalsRepository.maintenance(db, productId, institutions, asOf) : undefined;
  const concluded = await riskFactsRepository.investigationConclusions(db, reports.map((r) => r.id));
  return attributeSignal({
    reports: reports.length, institutions: reporters.length, regions: cities.size,
    ...(productionRecords && { productionRecords }), ...(operators && { operators }), ...(maintenance && { maintenance }),
    investigationCodes: [...investigationCodes, ...concluded],
  });
}
