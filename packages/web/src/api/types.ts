/** Shapes of the server's answers the pages read (the OpenAPI document at /openapi.json is the reference). */
export type Role = 'regulator' | 'enterprise' | 'institution' | 'agency' | 'privacy_officer' | 'sysadmin' | 'secadmin' | 'auditadmin';

export interface SessionUser {
  id: number;
  name: string;
  role: Role;
  organizationId: number | null;
  organizationName?: string | null;
  organizationType?: string | null;
  jurisdictionCode: string | null;
  regulatorLevel: string | null;
}

export interface LoginAnswer {
  user: { id: number; username: string; displayName: string; role: Role; organizationId: number | null; organizationName: string | null; organizationType: string | null; jurisdictionCode: string | null; regulatorLevel: string | null; department: string | null };
  previousLogin: { at: string; ip: string | null } | null;
  idleTimeoutMinutes: number;
  expiresAt: string;
}

export interface MeAnswer {
  actor: { type: string; id: number; name: string; role: Role; organizationId: number | null; jurisdictionCode: string | null; regulatorLevel: string | null };
}

export interface Organization {
  id: number; type: string; name: string; nameEn: string | null; creditCode: string | null; regionCode: string; regionName: string | null;
  address: string | null; gln: string | null; institutionGrade: string | null; createdAt: string;
}

export interface License {
  id: number; organizationId: number; organizationName: string; regionCode: string; kind: string; number: string; issuer: string;
  validFrom: string; validTo: string | null; status: string; effectiveStatus: string; daysToExpiry: number | null;
}

export interface Product {
  id: number; name: string; nameEn: string | null; model: string; deviceKind: string; registrationNumber: string; managementClass: number;
  holderId: number; holderName: string; regionCode: string; di: string | null; implantable: boolean; registrationStatus: string;
}

export interface AdverseEventReport {
  id: number; reportNo: string; kind: string; reporterOrganizationName: string; regionCode: string; productDi: string; productName: string;
  lot: string | null; serial: string | null; outcome: 'death' | 'serious_injury' | 'other'; eventDate: string; dateKnown: string;
  deadline: string | null; deadlineRule: string | null; submittedAt: string; late: boolean; lateByHours: number; duplicateOf: number | null;
  registrantOrganizationId: number; investigationDueAt: string | null; investigationStatus: 'none' | 'in_progress' | 'final';
}

export interface TraceOrganization { organizationId: number | null; gln: string | null; name: string; regionCode: string; restricted: boolean }

export interface TraceReading { time: string; type: string | null; value: number | null; minValue: number | null; maxValue: number | null; uom: string | null; excursion: boolean }

export interface TraceStep {
  eventId: number; time: string; eventType: string; action: string | null; bizStep: string | null; disposition: string | null; effect: string;
  organizationId: number | null; name: string | null; regionCode: string | null; organization: TraceOrganization | null;
  from: TraceOrganization | null; to: TraceOrganization | null; quantity: number | null; readings: TraceReading[]; excursion: boolean;
  /** Business documents the event cites (withheld outside the caller's jurisdiction). */
  documents: { type: string | null; id: string | null }[];
}

export interface TraceAnswer {
  code: { input: string; canonical: string; kind: string };
  product: { id: number; name: string; model: string; di: string; storageMinC: number | null; storageMaxC: number | null; registration: { number: string; managementClass: number; holder: TraceOrganization | null } } | null;
  lot: { di: string; lot: string; factory: TraceOrganization | null; commissionedAt: string | null; unitCount?: number; holders?: (TraceOrganization & { inStock: number; inTransit: number; used: number })[] } | null;
  unit: { code: string; di: string | null; lot: string | null; serial: string | null; state: { holder: TraceOrganization | null; status: string; inTransit: boolean } | null } | null;
  path: TraceStep[];
  use: { eventId: number; time: string; organization: TraceOrganization | null; department: string | null }[];
  reports: TraceReport[];
  recalls: TraceRecall[];
}

/** An adverse-event report about the traced unit ('unit') or its lot ('lot'), scoped as the AE list; no patient field. */
export interface TraceReport {
  id: number; reportNo: string; kind: string; initialReportId: number | null; outcome: 'death' | 'serious_injury' | 'other'; eventDate: string; dateKnown: string;
  late: boolean; lateByHours: number; deadline: string | null; reporterType: 'institution' | 'distributor' | 'registrant'; regionCode: string;
  imdrfCodes: string[] | null; duplicateOf: number | null; match: 'unit' | 'lot';
}

/** A suspension or recall of the traced lot, in force or lifted (the view `GET /api/lot-restrictions` gives). */
export interface TraceRecall {
  id: number; di: string; lot: string; kind: 'suspension' | 'recall'; recallLevel: 1 | 2 | 3 | null; reason: string; voluntary: boolean; regionCode: string;
  startedAt: string; notifyBy: string | null; active: boolean; liftedAt: string | null; liftReason: string | null;
}

export interface RecallHolder { organizationId: number | null; gln: string | null; name: string; regionCode: string; inTransit: number; inStock: number; unusedAtInstitution: number; used: number }
export interface RecallScope { holders: RecallHolder[]; totals: Record<string, number> }

/** `GET /api/dashboard/summary`: the overview's figures, counted by the server in the caller's scope. */
export interface DashboardSummary {
  organizationsByRegion: { regionCode: string; count: number }[];
  /** The last 12 calendar months in Asia/Shanghai, oldest first, 'YYYY-MM', months without reports as 0. */
  adverseEventsByMonth: { month: string; count: number }[];
  totals: { organizations: number; adverseEvents: number };
}

/** Issue 5's fixed points. */
export interface Alert {
  id: number; grade: 'general' | 'major' | 'critical'; status: string; source: string; regionCode: string; level: string; department: string | null;
  deadline: string | null; createdAt: string; subject: Record<string, unknown> | null; evidence: unknown;
  attribution?: { label: 'quality' | 'use' | 'undetermined'; score: number; evidence: unknown[] } | null;
}
