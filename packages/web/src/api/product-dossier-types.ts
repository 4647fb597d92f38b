/** `GET /api/products/{id}/dossier` as the server answers it (features/dossiers/product-dossier.service.ts). */
export interface ProductDossier {
  product: { id: number; name: string; nameEn: string | null; model: string; specification: string | null; deviceKind: string; singleUse: boolean; implantable: boolean; sterile: boolean };
  registration: {
    id: number; number: string; kind: 'registration' | 'filing'; managementClass: number; categoryCode: string | null; validFrom: string; validTo: string | null; status: string;
    /** Outside the caller's scope: name and region only (no id). */
    registrant: { organizationId: number | null; name: string; regionCode: string; restricted: boolean };
  };
  dis: { di: string; agency: string; packageLevel: number; packageLevelName: string | null; quantityPerPackage: number; containsDi: string | null }[];
  lots: { total: number; limit: number; offset: number; lotDossierLinks: boolean; items: ProductLot[] };
  holdersByRegion: RegionHolding[];
  adverseEvents: {
    cases: number; reports: number; serious: number; deaths: number;
    byMonth: { month: string; cases: number }[];
    latest: { id: number; reportNo: string; kind: string; productDi: string; lot: string | null; eventDate: string; outcome: string; reporterType: string; reporterOrganizationName: string; regionCode: string; manifestation: string; late: boolean; lateByHours: number; submittedAt: string }[];
  };
  /** Null when the caller's role does not read alerts. */
  alerts: ProductAlert[] | null;
}

export interface ProductLot {
  di: string; lot: string; batchId: number | null; produced: number | null; productionDate: string | null; expiryDate: string | null;
  received: number; inStock: number; inTransit: number; used: number; holders: number;
  restrictions: { id: number; kind: 'suspension' | 'recall'; recallLevel: 1 | 2 | 3 | null; voluntary: boolean; startedAt: string }[];
}

export interface RegionHolding { regionCode: string; regionName: string | null; holders: number; inStock: number; inTransit: number; used: number }

export interface ProductAlert {
  id: number; grade: string; status: string; source: string; subjectType: string; subjectLabel: string; subjectDi: string | null; subjectLot: string | null;
  level: string; regionCode: string; deadline: string; createdAt: string;
}
