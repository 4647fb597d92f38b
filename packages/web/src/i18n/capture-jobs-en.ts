import type { CaptureJobsMessages } from './capture-jobs-zh-CN.ts';

/** EPCIS capture jobs page (list, detail drawer, upload) in English; the same keys as capture-jobs-zh-CN.ts. */
export const captureJobsEn: CaptureJobsMessages = {
  nav: 'EPCIS capture', title: 'EPCIS capture',
  hint: 'Every EPCIS 2.0 document your systems post to POST /epcis/capture, or that you upload here, is a capture job. Click a row to see which events were rejected, why, and how to fix them.',
  empty: 'No capture jobs yet. Click “Upload EPCIS file” to import an EPCIS 2.0 document (JSON-LD or XML), or have your system call POST /epcis/capture.',
  emptyFiltered: 'No capture jobs match the filter. Change the status or dates and search again.',
  allStatuses: 'All statuses', createdFrom: 'Created from', createdTo: 'Created to', open: 'Open job {{id}}',
  createdAt: 'Created', finishedAt: 'Finished', status: 'Status', format: 'Format', behaviour: 'On error', events: 'Events', accepted: 'Accepted', duplicates: 'Duplicates',
  rejected: 'Rejected', violations: 'Rule violations', id: 'Job id', schemaVersion: 'EPCIS version',
  statuses: { running: 'Running', succeeded: 'Succeeded', partial: 'Partly accepted', failed: 'Failed' },
  formats: { json: 'JSON-LD', xml: 'XML' },
  behaviours: { rollback: 'Roll back', proceed: 'Proceed' },
  behaviourHelp: {
    rollback: 'If any event has an error, nothing in the document is stored and every error is listed (best while integrating).',
    proceed: 'Store the valid events, reject only the faulty ones and list each of them in the job.',
  },
  drawerTitle: 'Capture job', running: 'The job is still running; this view refreshes when it finishes.',
  errorsTitle: 'Rejected events', errorsEmpty: 'No event was rejected.', eventIndex: 'Event #', document: 'Whole document', field: 'Field', message: 'Problem', fix: 'How to fix',
  duplicatesTitle: 'Duplicate events (stored before; not stored again)', duplicatesEmpty: 'No duplicate events.', eventHash: 'Event hash', storedEvent: 'Stored event id',
  upload: 'Upload EPCIS file', uploadTitle: 'Upload an EPCIS 2.0 document', file: 'File', choose: 'Choose a file (.json, .jsonld, .xml)', send: 'Upload and capture',
  fileRequired: 'Please choose the file to upload', rejectedTitle: 'The document was not accepted; nothing was stored:',
};
