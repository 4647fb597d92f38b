/**
 * A request to see one patient's identity unmasked: an investigator (regulator, enterprise or
 * hospital user) asks, a privacy officer approves (which makes a grant to the requester) or
 * declines with a reason, and the requester may withdraw while it waits. The schemas are shared by
 * the browser's forms and `/api/patient-identity-requests`.
 */
import { z } from 'zod';
import { PATIENT_KEY_PATTERN } from './submissions.ts';

export const PATIENT_IDENTITY_REQUEST_STATUSES = ['pending', 'approved', 'declined', 'withdrawn'] as const;
export type PatientIdentityRequestStatus = (typeof PATIENT_IDENTITY_REQUEST_STATUSES)[number];

const purpose = z.string().trim().min(4).max(300);

export const patientIdentityRequestInputSchema = z
  .object({
    patientKey: z.string().trim().regex(PATIENT_KEY_PATTERN),
    /** Why (e.g. 不良事件调查 AE2026…): the approved grant carries it into every unmasked read's audit entry. */
    purpose,
  })
  .strict();
export type PatientIdentityRequestInput = z.infer<typeof patientIdentityRequestInputSchema>;

/** The privacy officer's approval: until when, and the purpose as the grant will record it (the request's when left out). */
export const patientIdentityRequestApprovalSchema = z
  .object({
    expiresAt: z.iso.datetime({ offset: true }),
    purpose: purpose.optional(),
  })
  .strict();
export type PatientIdentityRequestApproval = z.infer<typeof patientIdentityRequestApprovalSchema>;

export const patientIdentityRequestDeclineSchema = z
  .object({
    /** Told to the requester, so they can ask again with what was missing. */
    reason: z.string().trim().min(2).max(300),
  })
  .strict();
export type PatientIdentityRequestDecline = z.infer<typeof patientIdentityRequestDeclineSchema>;
