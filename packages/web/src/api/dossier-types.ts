/** Shapes of the dossier answers (features/dossiers, features/production, features/use-records) the dossier pages read. */
export interface TestItem { name: string; standard: string | null; method: string | null; lowerLimit: number | null; upperLimit: number | null; unit: string; measuredValue: number; passed: boolean }

export interface BatchView {
  id: number; organizationId: number; organizationName: string; regionCode: string; productId: number; productName: string; productModel: string; productDi: string;
  lot: string; quantity: number; productionDate: string; expiryDate: string | null; processRoute: string; processVersion: string;
  environmentLimits: Record<string, number>; releaseDecision: 'released' | 'rejected' | null; createdAt: string;
}

export interface MaterialView {
  receiptId: number; material: { name: string; code: string; kind: string }; materialLot: string; quantity: number; unit: string; purchaseDate: string;
  incomingInspectionResult: 'pass' | 'fail'; supplier: { id: number; name: string; regionCode: string };
  qualifications: { kind: string; number: string; validFrom: string; validTo: string; validOnProductionDate: boolean }[]; supplierQualifiedOnProductionDate: boolean;
}

export type EnvironmentMetric = 'temperatureC' | 'humidityPct' | 'pressureDiffPa' | 'particles05' | 'particles5';
export interface Exceedance { field: EnvironmentMetric; value: number; limit: number; bound: 'min' | 'max' }
export type Reading = { measuredAt: string; room: string; exceedances: Exceedance[] } & Record<EnvironmentMetric, number | null>;

export interface ReleaseView {
  id: number; reportNo: string | null; inspector: string; decision: 'released' | 'rejected'; decidedAt: string; items: TestItem[]; failedCount: number;
}

export interface QualityFlag { id: number; rule: string; subjectType: string; subjectKey: string; organizationId: number; regionCode: string; params: Record<string, unknown>; detectedAt: string }

export interface DossierOrg { organizationId: number | null; name: string; regionCode: string; type: string; restricted: boolean }

export interface Attachment { id: number; subjectType: string; title: string; fileName: string; sizeBytes: number; mediaType: string; version: number; createdAt: string; contentUrl: string }

export interface LotDossier {
  di: string; lot: string;
  product: { id: number; name: string; model: string; deviceKind: string; di: string; registration: { number: string; managementClass: number; status: string; validFrom: string; validTo: string | null } };
  manufacturer: { id: number; name: string; regionCode: string; gln: string | null } | null;
  production: {
    batch: BatchView; materials: MaterialView[];
    environment: { limits: Record<string, number>; readingCount: number; outOfLimitCount: number; rooms: string[]; outOfLimit: Reading[] };
    release: (ReleaseView & { failedItems: TestItem[] }) | null;
  } | null;
  qualityFlags: QualityFlag[];
  distribution: {
    holders: (DossierOrg & { received: number; inStock: number; inTransit: number; used: number; returned: number; destroyed: number })[];
    totals: { inStock: number; inTransit: number; used: number; destroyed: number }; firstShippedAt: string | null;
  };
  adverseEvents: { total: number; items: { id: number; reportNo: string; reporterOrganizationName: string; outcome: string; eventDate: string; dateKnown: string; late: boolean; lateByHours: number; deadline: string | null; serial: string | null }[] };
  attachments: Attachment[];
}

export interface ClinicalUse { id: number; organizationName: string; department: string; procedure: string | null; usedOn: string; operator: string; operatorTrained: boolean; serial: string | null; lot: string | null }

export interface OrganizationDossier {
  organization: { id: number; type: string; name: string; creditCode: string | null; regionCode: string; regionName: string | null; address: string | null; gln: string | null };
  licenses: { id: number; kind: string; number: string; scopeClasses: number[] | null; issuer: string; validFrom: string; validTo: string | null; status: string; effectiveStatus: string }[];
  products: { total: number; items: { id: number; name: string; model: string; deviceKind: string; registrationNumber: string; managementClass: number; registrationValidTo: string | null; registrationStatus: string; di?: string | null }[] };
  batches: { total: number; items: BatchView[] };
  qualityFlags: { total: number; items: QualityFlag[] };
  adverseEventReporting: { reports: number; withStatutoryClock: number; late: number; onTime: number; lateRate: number | null; lateHoursTotal: number; maxLateHours: number };
}

export interface InstitutionAssessment {
  organizationId: number; organizationName: string; from: string | null; to: string | null;
  training: { uses: number; usesByTrained: number; coverage: number | null };
  maintenance: { records: number; failures: number; downtimeHours: number; meanDowntimeHours: number | null; scrapped: number };
  reporting: { total: number; late: number; onTime: number; timeliness: number | null };
  trainingByProduct: { productDi: string; productName: string; model: string; uses: number; usesByTrained: number; coverage: number | null }[];
  facts: { managementSystem: boolean; systemDocument: string | null; responsiblePerson: string; responsiblePhone: string | null; updatedAt: string } | null;
}
