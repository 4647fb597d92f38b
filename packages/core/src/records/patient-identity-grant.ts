/**
 * A privacy officer's grant (issue 4, item 3): one named user may see one patient's identity
 * unmasked, for a stated purpose, until the grant expires or is revoked. The schema is shared by
 * the browser's form and `POST /api/patient-identity-grants`.
 */
import { z } from 'zod';
import { PATIENT_KEY_PATTERN } from './submissions.ts';

/** Longest a grant may run: access to a person's identity is for a case, not for good. */
export const MAX_GRANT_DAYS = 90;

export const patientIdentityGrantInputSchema = z
  .object({
    patientKey: z.string().trim().regex(PATIENT_KEY_PATTERN),
    /** The user who may see the identity. */
    userId: z.int().positive(),
    /** Why (e.g. 不良事件调查 AE2026…): recorded with every unmasked read. */
    purpose: z.string().trim().min(4).max(300),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type PatientIdentityGrantInput = z.infer<typeof patientIdentityGrantInputSchema>;
