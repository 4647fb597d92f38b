import type { PortalFormsMessages } from './portal-forms-zh-CN.ts';

/** The portal forms' texts in English (production, distribution documents, investigations, institution records); the same keys as portal-forms-zh-CN.ts. */
export const portalFormsEn: PortalFormsMessages = {
  nav: { production: 'Production records', distribution: 'Documents & acceptance', institution: 'Training, disposal, policy' },
  production: 'Production records', distribution: 'Distribution documents and acceptance', institution: 'Training, disposal and device management',
  addRow: 'Add a row', removeRow: 'Remove', quantity: 'Quantity', serial: 'Serial number',
  orgPicker: { placeholder: 'Type a name, unified social credit code or GLN', empty: 'No matching organisation', failed: 'The organisation directory cannot be reached; please try again' },
  item: {
    name: 'Test item', standard: 'Standard', method: 'Method', lowerLimit: 'Lower limit', upperLimit: 'Upper limit', unit: 'Unit', measuredValue: 'Measured value', verdict: 'Verdict',
    pass: 'Pass', fail: 'Fail',
  },
  inv: {
    title: 'File an investigation report (adverse-event report #{{id}})', file: 'File investigation report', backToReport: 'Back to the report', previous: 'Filed investigation reports',
    status: 'Report type', findings: 'Findings', findingCodes: 'IMDRF Annex C finding codes (comma-separated)', conclusionCodes: 'IMDRF Annex D conclusion codes (comma-separated)',
    rootCause: 'Root-cause category', correctiveActions: 'Corrective and preventive actions', saved: 'Investigation report filed (#{{id}}, {{status}})', late: '{{hours}} h late',
    statuses: { in_progress: 'Interim report', final: 'Final report' },
    rootCauses: {
      design: 'Design', component: 'Component / raw material', manufacturing: 'Manufacturing', transport_storage: 'Transport / storage', labeling: 'Labelling / instructions', software: 'Software',
      maintenance: 'Maintenance', training: 'Training', use_error: 'Use error', infrastructure_environment: 'Infrastructure / environment', patient_or_procedure: 'Patient or procedure',
      falsified_device: 'Falsified device', no_problem_found: 'No problem found', not_established: 'Cause not established',
    },
  },
  receipt: {
    title: 'Material receipt (incoming inspection)', new: 'Record a material receipt', list: 'Material receipts', one: 'Material', supplier: 'Supplier', materialName: 'Material', materialCode: 'Material code',
    materialKind: 'Material kind', materialLot: 'Material lot', purchaseDate: 'Purchase date', inspectionDate: 'Inspection date', result: 'Incoming inspection result', inspectionItems: 'Incoming inspection items',
    qualifications: "Supplier's qualification documents", documentNumber: 'Document number', issuer: 'Issuer', validFrom: 'Valid from', validTo: 'Valid to',
    saved: 'Receipt #{{id}} recorded: {{material}}, lot {{lot}}',
    kinds: { non_woven: 'Non-woven fabric', melt_blown: 'Melt-blown fabric', ear_loop: 'Ear loop', nose_wire: 'Nose wire', titanium_alloy: 'Titanium alloy', cobalt_chrome: 'Cobalt-chrome', polyethylene: 'Polyethylene', ceramic: 'Ceramic', packaging: 'Packaging', other: 'Other' },
    qualificationKinds: { business_license: 'Business licence', production_license: 'Production licence', registration: 'Registration / filing certificate', qms_certificate: 'QMS certificate', test_report: 'Test report', other: 'Other' },
  },
  batch: {
    title: 'Production batch record', new: 'Record a batch', list: 'Batches', one: 'Batch', productDi: 'Product identifier (DI)', lot: 'Lot', productionDate: 'Production date', expiryDate: 'Expiry date',
    processRoute: 'Process route', processVersion: 'Process version', materials: 'Materials consumed (picked from receipts)', receipt: 'Material receipt', readings: 'Clean-room monitoring readings',
    measuredAt: 'Measured at', room: 'Room', withinLimits: 'Within limits', exceeded: '{{field}} {{value}} beyond limit {{limit}}',
    saved: 'Batch #{{id}} recorded: {{product}}, lot {{lot}}',
    limits: {
      particles05Max: 'Particles ≥0.5µm max (/m³)', particles5Max: 'Particles ≥5µm max (/m³)', temperatureMin: 'Temperature min (°C)', temperatureMax: 'Temperature max (°C)',
      humidityMin: 'Humidity min (%)', humidityMax: 'Humidity max (%)', pressureDiffMin: 'Pressure difference min (Pa)', pressureDiffMax: 'Pressure difference max (Pa)',
    },
    reading: { particles05: 'Particles ≥0.5µm', particles5: 'Particles ≥5µm', temperatureC: 'Temperature °C', humidityPct: 'Humidity %', pressureDiffPa: 'Pressure diff. Pa' },
  },
  release: {
    title: 'Release inspection and decision', new: 'Record a release report', list: 'Release reports', batch: 'Batch', reportNo: 'Report number', inspector: 'Inspector', decision: 'Release decision',
    decidedAt: 'Decided at', items: 'Test items', failedCount: 'Failed items', saved: 'Release report #{{id}} recorded: lot {{lot}}, {{decision}}', failedItems: '{{count}} item(s) failed',
    decisions: { released: 'Released', rejected: 'Rejected', pending: 'Pending' },
  },
  flags: {
    list: 'Quality flags', rule: 'Rule', subjectType: 'Subject type', subject: 'Subject', evidence: 'Evidence', detectedAt: 'Detected at',
    rules: { supplier_qualification_lapsed: 'Supplier qualification lapsed', material_failed_inspection: 'Material that failed inspection was used', released_with_failed_item: 'Released with a failed item', shipped_before_release: 'Shipped before release' },
    subjects: { batch: 'Batch', material_lot: 'Material lot', lot: 'Product lot' },
  },
  attachments: {
    title: 'Process documents', documentKey: 'Document key', documentTitle: 'Title', choose: 'Choose a file (PDF, PNG, JPEG)', upload: 'Upload', download: 'Download', empty: 'No process documents yet',
    keyRule: 'A document key uses lower-case letters, digits and . _ -, starts with a letter or digit and has at most 80 characters, e.g. sterilisation-record',
  },
  doc: {
    title: 'Distribution document (purchase contract / delivery note)', new: 'Record a document', list: 'Documents', kind: 'Document type', number: 'Document number', documentDate: 'Document date', deliveryDate: 'Shipped / agreed delivery date',
    supplier: 'Supplier', buyer: 'Buyer', contractNumber: 'Purchase contract number', shippingEventId: 'Shipping event ID', receivingEventId: 'Receiving event ID', note: 'Note',
    lines: 'Lines', eventLink: 'Traceability events', saved: '{{kind}} {{number}} recorded (#{{id}}, {{lines}} lines)',
    kinds: { purchase_contract: 'Purchase contract', delivery_note: 'Delivery note' },
    eventLinks: { given: 'Linked to the shipping / receiving events by ID', document_number: 'Linked to the traceability events that cite its number', none: 'Not linked to traceability events yet' },
  },
  acc: {
    title: 'Receiving acceptance', new: 'Record an acceptance', list: 'Acceptances', deliveryNote: 'Delivery note', receivedAt: 'Received at', temperatureC: 'Temperature on arrival (°C)', lines: 'Counted quantities, line by line',
    checkedQuantity: 'Counted quantity', discrepancyColumn: 'Quantity discrepancy', saved: 'Acceptance #{{id}} recorded (delivery note {{note}}); the counts match the note',
    savedWithDiscrepancy: 'Acceptance #{{id}} recorded, but the counts differ from delivery note {{note}}', discrepancy: '{{di}} lot {{lot}}: note {{expected}}, counted {{checked}} (difference {{difference}})',
    conditions: { good: 'Good', damaged: 'Damaged', temperature_excursion: 'Temperature excursion' },
  },
  training: {
    title: 'Operator training record', operatorId: 'Staff number', new: 'Record a training', list: 'Trainings', trainer: 'Trainer', deviceKind: 'Device kind', trainedOn: 'Trained on', validUntil: 'Valid until',
    certificateNo: 'Certificate number', saved: 'Training #{{id}} recorded: {{operator}}, valid until {{validUntil}}',
  },
  disposal: {
    title: 'Device disposal record', new: 'Record a disposal', list: 'Disposals', disposedOn: 'Disposed on', method: 'Method', eventId: 'Destroying event ID (if any)',
    saved: 'Disposal #{{id}} recorded: {{product}} × {{quantity}}, {{method}}',
    methods: { medical_waste: 'Medical waste', destroyed: 'Destroyed', returned_to_supplier: 'Returned to supplier', other: 'Other' },
  },
  facts: {
    title: 'Device quality management policy', managementSystem: 'A management policy is in place', systemDocument: 'Policy document name / number', responsiblePerson: 'Responsible person', responsiblePhone: "Responsible person's phone",
    saved: 'Updated ({{at}})',
  },
};
