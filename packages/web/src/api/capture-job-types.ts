/** EPCIS capture jobs as the server answers them (features/epcis/epcis.routes.ts). */
export type CaptureJobStatus = 'running' | 'succeeded' | 'partial' | 'failed';
export type CaptureErrorBehaviour = 'rollback' | 'proceed';

/** One row of `GET /epcis/capture`. */
export interface CaptureJobSummary {
  id: string;
  status: CaptureJobStatus;
  format: 'json' | 'xml';
  errorBehaviour: CaptureErrorBehaviour;
  createdAt: string;
  finishedAt: string | null;
  eventCount: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  violations: number;
}

export interface CaptureJobList {
  items: CaptureJobSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** A rejected event's problem, worded by the server in the caller's language (and re-worded here from code + params). */
export interface CaptureJobError {
  eventIndex: number | null;
  path: string;
  code: string;
  params: Record<string, string | number | boolean | null>;
  message: string;
  hint?: string;
}

/** `GET /epcis/capture/{id}`. */
export interface CaptureJobDetail {
  captureId: string;
  status: CaptureJobStatus;
  format: 'json' | 'xml';
  schemaVersion: string | null;
  errorBehaviour: CaptureErrorBehaviour;
  eventCount: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  violations: number;
  createdAt: string;
  finishedAt: string | null;
  running: boolean;
  duplicateEvents: { eventIndex: number; eventHash: string; eventId: number | null }[];
  errors: CaptureJobError[];
}

/** The 202 answer of `POST /epcis/capture`. */
export interface CaptureAccepted {
  captureId: string;
  location: string;
  status: CaptureJobStatus;
  accepted: number;
  duplicates: number;
  rejected: number;
  violations: number;
}
