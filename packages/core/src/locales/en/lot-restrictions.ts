import type { Catalogue } from '../index.ts';

/** Lot suspensions and recalls (issue 5; China Order No. 29 of 2017). */
export const lotRestrictions: Catalogue = {
  'lot_restriction.recall_level_required': { message: 'Lot restriction recallLevel: a recall needs its level (1, 2 or 3)', hint: 'Level 1 may cause or has caused serious harm, level 2 temporary or reversible harm, level 3 is unlikely to cause harm' },
  'lot_restriction.level_on_suspension': { message: 'Lot restriction recallLevel: a suspension has no recall level (got {recallLevel})', hint: 'Leave recallLevel out for a suspension of sale and use, or choose kind "recall"' },
  'lot_restriction.lot_unknown': { message: 'Lot restriction {field}: lot {lot} of DI {di} is not known to the platform (no production batch and no traceability record)', hint: 'Check the DI and the lot number as printed on the label (AI 01 and AI 10)' },
  'lot_restriction.started_in_future': { message: 'Lot restriction startedAt: {startedAt} lies in the future', hint: 'Record a measure once it has taken effect; leave startedAt out for now' },
  'lot_restriction.already_open': { message: 'Lot {lot} of DI {di} already has a {kind} in force (restriction {id})', hint: 'Lift restriction {id} first, or keep it: one open measure of each kind per lot' },
  'lot_restriction.not_registrant': { message: 'Lot {lot} of DI {di}: only its registrant may start a voluntary recall', hint: 'Ask the registrant (registration holder) or the responsible regulator to act' },
  'lot_restriction.suspension_by_regulator': { message: 'Lot restriction kind: a suspension of sale and use is ordered by a regulator', hint: 'A registrant records a voluntary recall (kind "recall") with its level' },
  'lot_restriction.already_lifted': { message: 'Lot restriction {id} was already lifted at {liftedAt}', hint: 'A lifted measure stays as it is; record a new one if the lot must be restricted again' },
  'lot_restriction.lift_not_allowed': { message: 'Lot restriction {id}: only the office that recorded it (or one above it), or the registrant for its own voluntary recall, may lift it', hint: 'Ask the office of region {regionCode} to lift it' },
  'alerts.rule.restricted_lot_moving': { message: 'Suspended or recalled lot moving on: {label}' },
};
