import type { Catalogue } from '../index.ts';

/** The registrant's investigation of an adverse event (issue 4 §4). */
export const adverseEventInvestigations: Catalogue = {
  'ae_investigation.code_repeated': { message: 'Investigation {field}: IMDRF code {imdrfCode} is listed twice', hint: 'List each IMDRF code once' },
  'ae_investigation.final_needs_conclusion': { message: 'Investigation conclusionCodes: a final investigation needs at least one IMDRF Annex D conclusion', hint: 'Add the Annex D code of the cause, e.g. D1102 (use error) or D0301 (manufacturing deficiency); file "in_progress" until it is known' },
  'ae_investigation.final_not_concluded': { message: 'Investigation conclusionCodes: {imdrfCode} (conclusion not yet available) cannot close an investigation', hint: 'File the investigation as "in_progress", or give the Annex D code of the cause found' },
  'ae_investigation.final_needs_actions': { message: 'Investigation correctiveActions: a final investigation must state its corrective actions', hint: 'Describe what was done (e.g. retraining, design change, recall), or "none needed" with the reason' },
  'ae_investigation.root_cause_mismatch': { message: 'Investigation rootCause: "{rootCause}" matches none of the Annex D conclusions given', hint: 'Choose the root cause that fits the conclusion, or give a conclusion code under {expected}' },
  'ae_investigation.imdrf_unknown': { message: 'Investigation {field}: {imdrfCode} is not an IMDRF Annex C / D code', hint: 'Use a code from the IMDRF AET lists (Annex C findings, Annex D conclusions), e.g. C23, D1102' },
  'ae_investigation.not_registrant': { message: 'Adverse-event report {id}: only the registrant of the device files its investigation', hint: 'The registration holder investigates; reporters add information with a follow-up report' },
  'ae_investigation.already_final': { message: 'Adverse-event report {id}: the final investigation has already been filed', hint: 'A final investigation is not replaced; submit a follow-up report with new information' },
};
