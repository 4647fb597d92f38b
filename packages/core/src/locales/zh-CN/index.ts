// One catalogue per module; add a line when a module adds its messages.
export { generic } from './generic.ts';
export { masterData } from './master-data.ts';
export { platform } from './platform.ts';
export { rules } from './rules.ts';
export { epcis } from './epcis.ts';
export { identifiers } from './identifiers.ts';
export { stats } from './stats.ts';
export { calendar } from './calendar.ts';
export { records } from './records.ts';
export { submissions } from './submissions.ts';
export { useRecords } from './use-records.ts';
export { alerts } from './alerts.ts';
export { production } from './production.ts';
export { risk } from './risk.ts';
export { adverseEventInvestigations } from './adverse-event-investigations.ts';
export { lotRestrictions } from './lot-restrictions.ts';
export { terms } from './terms.ts';
