import type { PatientIdentityRequestStatus } from '@lianjian/core/records/patient-identity-request';

/** `/api/patient-identity-requests`: investigators ask to see a patient's identity, a privacy officer decides. */
export const REQUESTS_API = '/api/patient-identity-requests';

/** The navigation's badge and the privacy page's order read the same count (one request, one cache entry). */
export const PENDING_COUNT_API = `${REQUESTS_API}/pending-count`;

/** The requester's newest request as `GET /api/patients/{key}/identity` tells it (masked only). */
export interface IdentityRequestSummary {
  id: number; status: PatientIdentityRequestStatus; purpose: string; createdAt: string; decidedAt: string | null; decisionReason: string | null;
}

/** A request as `/api/patient-identity-requests` answers it: who asked, why, and what became of it. */
export interface IdentityRequestView extends IdentityRequestSummary {
  patientKey: string; requesterUserId: number; requesterUsername: string; requesterDisplayName: string; requesterRole: string;
  requesterOrganizationName: string | null; requesterJurisdictionCode: string | null;
  decidedBy: number | null; decidedByUsername: string | null; grantId: number | null; grantExpiresAt: string | null;
}
