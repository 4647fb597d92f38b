import type { Messages } from './zh-CN.ts';

/** Interface texts in English; the same keys as zh-CN.ts (a component test checks). */
export const en: Messages = {
  app: { name: 'Lianjian', tagline: 'Full-chain supervision of medical devices', skip: 'Skip to main content' },
  lang: { switch: '中文', switchLabel: 'Switch the interface to Chinese' },
  login: {
    title: 'Log in', username: 'Username', password: 'Password', submit: 'Log in',
    policy: 'Passwords have at least {{minLength}} characters from at least {{minClasses}} of: upper case, lower case, digits, symbols.',
    failed: 'Login failed', locked: 'Account locked', required: 'Please enter your {{field}}',
  },
  session: {
    logout: 'Log out', previousLogin: 'Last login: {{at}} (IP {{ip}})', firstLogin: 'This is your first login.',
    idleTitle: 'You will be logged out soon', idleBody: 'No activity for {{minutes}} minutes; you will be logged out in {{seconds}} s.', stay: 'Stay logged in',
    expired: 'Your session has ended. Please log in again.', who: '{{name}} ({{role}})',
  },
  role: { regulator: 'Regulator', enterprise: 'Enterprise', institution: 'Medical institution', agency: 'Partner agency', privacy_officer: 'Privacy officer', sysadmin: 'System administrator', secadmin: 'Security administrator', auditadmin: 'Audit administrator' },
  nav: {
    workbench: 'Workbench', dashboard: 'Overview', trace: 'Scan & trace', recall: 'Recall scope', alerts: 'Alerts', adverseEvents: 'Adverse events', masterData: 'Master data',
    organizations: 'Organisations', licenses: 'Licences', products: 'Products', portal: 'Portal', myData: 'My organisation', ship: 'Ship', receive: 'Receive', use: 'Use',
    aeReport: 'Adverse-event report', deadlines: 'Deadlines', admin: 'Administration', users: 'Users', audit: 'Audit log', docs: 'API docs', lotDossier: 'Lot dossier', orgDossier: 'Organisation dossier',
  },
  state: {
    loading: 'Loading…', empty: 'No data yet', error: 'Something went wrong', retry: 'Retry', unavailable: 'This feature’s API is not available yet',
    unavailableHint: 'The server does not offer {{api}} yet. This page shows its data as soon as it does.', notFound: 'Page not found', back: 'Back to the start',
    forbidden: 'You may not see this', total: 'Total {{total}} items',
  },
  common: {
    query: 'Query', reset: 'Reset', export: 'Export', exportCsv: 'Export CSV', exportExcel: 'Export Excel', search: 'Search', keyword: 'Keyword', region: 'Region',
    type: 'Type', name: 'Name', status: 'Status', actions: 'Actions', detail: 'Details', submit: 'Submit', cancel: 'Cancel', confirm: 'Confirm', yes: 'Yes', no: 'No',
    time: 'Time', region6: '6-digit region code, e.g. 330100', columns: 'Columns', close: 'Close', view: 'View',
  },
  dashboard: {
    title: 'Overview', organizations: 'Organisations', products: 'Products', licenses: 'Licences', aeReports: 'Adverse-event reports', lateReports: 'Late reports', openAlerts: 'Open alerts',
    map: 'Jurisdiction (coloured by number of organisations)', aeTrend: 'Adverse-event reports by month', inbox: 'Alert inbox', live: 'Live', inboxEmpty: 'No new alerts. New alerts appear here as soon as they are raised.',
    mapLegendLow: 'Few', mapLegendHigh: 'Many', southChinaSea: 'South China Sea islands',
  },
  scan: {
    title: 'Scan & trace', placeholder: 'Scan or paste any label: GS1 element string (with or without brackets), Digital Link, HIBC, MA code, EPC URN',
    label: 'UDI or label text', submit: 'Trace', camera: 'Scan with camera', cameraUnavailable: 'This device cannot scan with a camera', cameraStop: 'Stop scanning',
    parse: 'Label parse', agency: 'Issuing agency', form: 'Notation', di: 'Device identifier (DI)', lot: 'Lot', serial: 'Serial', productionDate: 'Production date', expiryDate: 'Expiry date',
    level: 'Level', unreadable: 'This label cannot be read', hint: 'e.g. (01)06990001001905(10)HJ03101(21)HJ031010001',
    levels: { unit: 'Unit', lot: 'Lot', product: 'Product' },
    forms: { bracketed: 'Bracketed element string', element_string: 'Element string', scan: 'Raw scan', digital_link: 'GS1 Digital Link', epc_urn: 'EPC URN', hibc: 'HIBC', ma: 'MA code' },
  },
  trace: {
    product: 'Product', registration: 'Registration', holder: 'Registrant', timeline: 'Custody timeline', chain: 'Supply chain', steps: '{{count}} steps',
    excursion: 'Temperature excursion', temperature: 'Temperature', noSteps: 'No visible custody records', restricted: 'Outside your jurisdiction (name and region only)',
    currentHolder: 'Current holder', use: 'Use', reports: 'Adverse events', recalls: 'Recalls', dossier: 'Lot dossier', department: 'Department',
    effects: { commission: 'Commissioned', ship: 'Shipped', receive: 'Received', store: 'Stored', use: 'Used', return: 'Returned', destroy: 'Destroyed', pack: 'Packed', unpack: 'Unpacked', observe: 'Observed', other: 'Other' },
    bizSteps: { storing: 'Stored', packing: 'Packed', unpacking: 'Unpacked', inspecting: 'Inspected', accepting: 'Accepted', loading: 'Loaded', departing: 'Departed', arriving: 'Arrived', dispensing: 'Dispensed', holding: 'Held', picking: 'Picked', sterilizing: 'Sterilised', repairing: 'Repaired', decommissioning: 'Decommissioned' },
    roles: { factory: 'Manufacturer', distributor: 'Distributor', institution: 'Institution' },
    storage: 'Storage {{min}}–{{max}} °C', notFound: 'This code was not found, or it is outside your jurisdiction. Check the label and try again.', quantity: 'Quantity {{quantity}}',
  },
  recall: {
    title: 'Recall scope', lots: 'Lots', addLot: 'Add lot', di: 'Device identifier (DI)', lot: 'Lot', compute: 'Compute scope', holders: 'Holders', inTransit: 'In transit', inStock: 'In stock',
    unused: 'Unused at institution', used: 'Used', exportExcel: 'Export Excel', pickHint: 'Enter one or more lots (DI + lot), then choose “Compute scope”.', remove: 'Remove', removeConfirm: 'Remove this lot?',
    totals: 'Totals',
  },
  lists: {
    organizations: 'Organisations', licenses: 'Licences', products: 'Products', id: 'ID', creditCode: 'Unified social credit code', gln: 'GLN', grade: 'Grade',
    number: 'Number', holder: 'Holder', kind: 'Kind', issuer: 'Issuer', validTo: 'Valid to', effectiveStatus: 'Status', model: 'Model', di: 'DI', registration: 'Registration',
    managementClass: 'Class', registrant: 'Registrant', orgTypes: { manufacturer: 'Manufacturer', distributor: 'Distributor', institution: 'Institution', logistics: 'Logistics', regulator: 'Regulator', agency: 'Agency', other: 'Other' },
  },
  dossier: {
    lotTitle: 'Lot dossier {{di}} / {{lot}}', orgTitle: 'Organisation dossier', materials: 'Materials', suppliers: 'Suppliers', environment: 'Environment', tests: 'Tests', flags: 'Flags',
    failed: 'Failed', passed: 'Passed', open: 'Open dossier', di: 'DI', lot: 'Lot', assessment: 'Device-management assessment', raw: 'Dossier content',
    sections: {
      di: 'DI', lot: 'Lot', product: 'Product', manufacturer: 'Manufacturer', production: 'Production', batch: 'Batch record', materials: 'Materials', suppliers: 'Suppliers', supplier: 'Supplier',
      environment: 'Environment', release: 'Release tests', items: 'Test items', qualityFlags: 'Quality flags', distribution: 'Distribution', holders: 'Holders', totals: 'Totals', custody: 'Custody',
      adverseEvents: 'Adverse events', attachments: 'Attachments', licenses: 'Licences', products: 'Products', batches: 'Batches', reporting: 'Reporting timeliness', registration: 'Registration', name: 'Name',
      model: 'Model', regionCode: 'Region', organization: 'Organisation', training: 'Training', maintenance: 'Maintenance', use: 'Use', limits: 'Limits', rooms: 'Clean rooms', readings: 'Readings',
    },
  },
  alerts: {
    title: 'Alert queue', grade: 'Grade', status: 'Status', source: 'Source', department: 'Department', deadline: 'Deadline', overdue: 'Overdue', subject: 'Subject', createdAt: 'Raised',
    grades: { general: 'General', major: 'Major', critical: 'Critical' }, evidence: 'Evidence', attribution: 'Attribution',
    labels: { quality: 'Quality', use: 'Use', undetermined: 'Undetermined' },
    statuses: { new: 'New', acknowledged: 'Acknowledged', verifying: 'Verifying', confirmed: 'Confirmed', dismissed: 'Dismissed' },
    departments: { ae_monitoring: 'AE monitoring', distribution_supervision: 'Distribution supervision', production_supervision: 'Production supervision', inspection_enforcement: 'Inspection and enforcement' },
    levels: { city: 'City', province: 'Province', national: 'National' }, history: 'History', open: 'Open', comment: 'Comment', level: 'Level',
    actions: { acknowledge: 'Acknowledge', verify: 'Verify', confirm: 'Confirm', dismiss: 'Dismiss' }, reason: 'Reason', reasonRequired: 'Dismissing an alert needs a reason',
    confirmAction: '“{{action}}” this alert?', done: '{{action}}: done',
  },
  ae: {
    title: 'Adverse-event reports', list: 'Adverse-event reports', reportNo: 'Report no.', reporter: 'Reporter', product: 'Product', outcome: 'Outcome', eventDate: 'Event date',
    dateKnown: 'Date known', deadline: 'Deadline', late: 'Late', onTime: 'On time', due: 'Due in {{days}} days', dueToday: 'Due today', overdueBy: 'Overdue by {{hours}} h', noDeadline: 'No statutory deadline',
    outcomes: { death: 'Death', serious_injury: 'Serious injury', other: 'Other' },
    form: {
      title: 'Report an adverse event', device: 'Device', udi: 'UDI (scan or paste)', patient: 'Patient', patientName: 'Name', idNumber: 'Resident ID number', birthDate: 'Date of birth',
      sex: 'Sex', sexes: { male: 'Male', female: 'Female', unknown: 'Unknown' }, manifestation: 'Manifestation', deathDate: 'Date of death', narrative: 'Narrative', imdrfCodes: 'IMDRF codes (comma-separated)',
      submit: 'Submit report', submitted: 'Report submitted: {{reportNo}}, deadline {{deadline}}', fixErrors: 'Please correct the marked fields first', parsed: 'Read: DI {{di}}, lot {{lot}}, serial {{serial}}',
    },
  },
  submission: {
    shipTitle: 'Record a shipment', receiveTitle: 'Record a receipt', useTitle: 'Record a use', items: 'Labels (one per line, scan or paste)', toOrganizationId: 'Receiving organisation ID', fromOrganizationId: 'Shipping organisation ID',
    toGln: 'Receiving organisation GLN', fromGln: 'Shipping organisation GLN', time: 'When', condition: 'Condition on arrival', conditions: { good: 'Good', damaged: 'Damaged', temperature_excursion: 'Temperature excursion' },
    accepted: 'Accepted', reason: 'Reason', department: 'Department', procedure: 'Procedure', patientKey: 'Pseudonymous patient key (pk_…)', submit: 'Submit',
    stored: 'Recorded (event {{eventId}})', duplicate: 'The same event was recorded before (event {{eventId}})', violations: 'Recorded, but it breaks these rules:', lot: 'Lot label', quantity: 'Quantity',
  },
  portal: { title: 'My organisation', organization: 'Organisation', deadlines: 'Reporting deadlines', deadlinesEmpty: 'No reports with a deadline coming up.', myProducts: 'Our products', myReports: 'Our reports' },
  admin: { title: 'Administration', users: 'Users', audit: 'Audit log', docs: 'Manage tokens and the security policy in the API docs', username: 'Username', action: 'Action', outcome: 'Outcome', actor: 'Actor' },
  watermark: '{{name}} {{time}}',
};
