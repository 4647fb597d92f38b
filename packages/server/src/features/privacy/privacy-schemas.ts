import { PATIENT_IDENTITY_REQUEST_STATUSES } from '@lianjian/core/records/patient-identity-request';
import { z } from 'zod';

/** Response shapes the privacy routes share: a grant (its own routes, and an approved request's answer) and a request. */
export const grantSchema = z.object({
  id: z.number(), patientKey: z.string(), granteeUserId: z.number(), granteeUsername: z.string(), purpose: z.string(), expiresAt: z.string(),
  grantedBy: z.number(), grantedByUsername: z.string(), createdAt: z.string(), revokedAt: z.string().nullable(), active: z.boolean(),
});

export const requestSchema = z.object({
  id: z.number(), patientKey: z.string(), requesterUserId: z.number(), requesterUsername: z.string(), requesterDisplayName: z.string(), requesterRole: z.string(),
  requesterOrganizationName: z.string().nullable(), requesterJurisdictionCode: z.string().nullable(), purpose: z.string(), status: z.enum(PATIENT_IDENTITY_REQUEST_STATUSES),
  createdAt: z.string(), decidedBy: z.number().nullable(), decidedByUsername: z.string().nullable(), decidedAt: z.string().nullable(), decisionReason: z.string().nullable(),
  grantId: z.number().nullable(), grantExpiresAt: z.string().nullable(),
});
