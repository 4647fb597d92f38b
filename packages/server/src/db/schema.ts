import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables; keep in step with migrations/*.sql. */
type Id = Generated<number>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** Civil dates travel as 'YYYY-MM-DD' strings. */
type CivilDate = string;
type Json = ColumnType<unknown, string, string>;
/** A pinyin sort key (shared/name-sort-key.ts): null only in rows written before 0014 until startup fills them; every write must set it. */
type NameSortKey = ColumnType<string | null, string, string>;

export interface RegionsTable {
  code: string;
  name: string;
  level: 1 | 2 | 3;
  parent_code: string | null;
  valid_from: ColumnType<CivilDate, CivilDate | undefined, CivilDate>;
  valid_to: CivilDate | null;
  source: string;
}

export type OrganizationType = 'manufacturer' | 'distributor' | 'logistics' | 'institution' | 'regulator' | 'agency';

export interface OrganizationsTable {
  id: Id;
  type: OrganizationType;
  name: string;
  name_sort: NameSortKey;
  name_en: string | null;
  credit_code: string | null;
  region_code: string;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  gs1_company_prefix: string | null;
  gln: string | null;
  institution_grade: string | null;
  rural: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface OrganizationLocationsTable {
  id: Id;
  organization_id: number;
  name: string;
  kind: 'plant' | 'warehouse' | 'office' | 'pharmacy' | 'department' | 'clinic';
  gln: string;
  extension: ColumnType<string, string | undefined, string>;
  sgln: string;
  region_code: string;
  address: string | null;
}

export type LicenseKind = 'production_license' | 'production_filing' | 'distribution_license' | 'distribution_filing' | 'qms_certificate';
export type RecordStatus = 'active' | 'suspended' | 'revoked' | 'cancelled';

export interface LicensesTable {
  id: Id;
  organization_id: number;
  kind: LicenseKind;
  number: string;
  scope_classes: ColumnType<number[], number[] | undefined, number[]>;
  scope_categories: ColumnType<string[], string[] | undefined, string[]>;
  scope_text: string | null;
  issuer: string;
  valid_from: CivilDate;
  valid_to: CivilDate | null;
  status: ColumnType<RecordStatus, RecordStatus | undefined, RecordStatus>;
  created_at: CreatedAt;
}

export interface LicenseStatusHistoryTable {
  id: Id;
  license_id: number;
  status: string;
  reason: string | null;
  changed_at: CreatedAt;
  changed_by: number | null;
}

export interface RegistrationsTable {
  id: Id;
  number: string;
  kind: 'registration' | 'filing';
  holder_organization_id: number;
  management_class: 1 | 2 | 3;
  category_code: string | null;
  product_name: string;
  issuer: string;
  valid_from: CivilDate;
  valid_to: CivilDate | null;
  status: ColumnType<RecordStatus, RecordStatus | undefined, RecordStatus>;
  created_at: CreatedAt;
}

export interface ProductsTable {
  id: Id;
  registration_id: number;
  name: string;
  name_sort: NameSortKey;
  name_en: string | null;
  model: string;
  specification: string | null;
  device_kind: string;
  storage_min_c: number | null;
  storage_max_c: number | null;
  storage_note: string | null;
  pi_elements: ColumnType<string[], string[] | undefined, string[]>;
  single_use: ColumnType<boolean, boolean | undefined, boolean>;
  implantable: ColumnType<boolean, boolean | undefined, boolean>;
  sterile: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export type DiAgency = 'GS1' | 'MA' | 'AHM' | 'HIBCC' | 'ICCBBA';

export interface ProductDisTable {
  di: string;
  product_id: number;
  agency: DiAgency;
  package_level: number;
  package_level_name: string | null;
  quantity_per_package: ColumnType<number, number | undefined, number>;
  contains_di: string | null;
}

export type Role = 'regulator' | 'enterprise' | 'institution' | 'agency' | 'privacy_officer' | 'sysadmin' | 'secadmin' | 'auditadmin';
export type RegulatorLevel = 'national' | 'province' | 'city' | 'county';

export interface UsersTable {
  id: Id;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  organization_id: number | null;
  jurisdiction_code: string | null;
  regulator_level: RegulatorLevel | null;
  department: string | null;
  email: string | null;
  phone: string | null;
  status: ColumnType<'active' | 'disabled', 'active' | 'disabled' | undefined, 'active' | 'disabled'>;
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  last_login_ip: string | null;
  password_changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_reason: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Id;
  name: string;
  token_hash: string;
  token_prefix: string;
  role: 'regulator' | 'enterprise' | 'institution';
  organization_id: number | null;
  jurisdiction_code: string | null;
  regulator_level: RegulatorLevel | null;
  created_by: number;
  created_at: CreatedAt;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export interface SecurityPolicyTable {
  id: ColumnType<number, never, never>;
  idle_timeout_minutes: number;
  absolute_timeout_hours: number;
  lockout_threshold: number;
  lockout_minutes: number;
  password_min_length: number;
  password_min_classes: number;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface AuditLogTable {
  id: Id;
  at: Timestamp;
  actor_type: 'user' | 'token' | 'system' | 'anonymous';
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: 'success' | 'failure' | 'denied';
  ip: string | null;
  user_agent: string | null;
  details: Json;
  prev_hmac: string;
  hmac: string;
}

export interface AppStateTable {
  key: string;
  value: Json;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: CreatedAt;
}

export interface CalendarOverridesTable {
  date: CivilDate;
  kind: 'holiday' | 'workday';
  name: string | null;
  /** The package and version the row came from (e.g. 'chinese-days@1.5.7'), or 'admin'. */
  source: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: number | null;
}

export interface DeadlineRulesTable {
  code: string;
  amount: number;
  unit: 'hours' | 'calendar_days' | 'working_days';
  from: string;
  responsible: string | null;
  configurable: ColumnType<boolean, boolean | undefined, boolean>;
  extend_past_holidays: ColumnType<boolean, boolean | undefined, boolean>;
  basis: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: number | null;
}

export type CaptureJobStatus = 'running' | 'succeeded' | 'partial' | 'failed';

export interface CaptureJobsTable {
  id: ColumnType<string, string | undefined, never>;
  status: ColumnType<CaptureJobStatus, CaptureJobStatus | undefined, CaptureJobStatus>;
  format: 'json' | 'xml';
  schema_version: string | null;
  error_behaviour: 'rollback' | 'proceed';
  document_bytes: number;
  event_count: number;
  accepted_count: ColumnType<number, number | undefined, number>;
  duplicate_count: ColumnType<number, number | undefined, number>;
  rejected_count: ColumnType<number, number | undefined, number>;
  violation_count: ColumnType<number, number | undefined, number>;
  errors: ColumnType<unknown, string | undefined, string>;
  duplicates: ColumnType<unknown, string | undefined, string>;
  namespaces: ColumnType<unknown, string | undefined, string>;
  created_by_type: 'user' | 'token' | 'system';
  created_by: number | null;
  organization_id: number | null;
  created_at: CreatedAt;
  finished_at: NullableTimestamp;
}

export interface EpcObjectsTable {
  object_id: Id;
  kind: string;
  code: string;
  di: string | null;
  lot: string | null;
  serial: string | null;
}

export interface EpcisEventsTable {
  event_id: Id;
  event_hash: string;
  declaration: ColumnType<boolean, boolean | undefined, never>;
  event_uri: string | null;
  event_type: string;
  event_time: ColumnType<Date, Date | string, never>;
  event_time_zone_offset: string;
  record_time: ColumnType<Date, Date | string | undefined, never>;
  action: string | null;
  biz_step: string | null;
  disposition: string | null;
  read_point: string | null;
  biz_location: string | null;
  read_point_org_id: number | null;
  biz_location_org_id: number | null;
  source_org_ids: ColumnType<number[], number[] | undefined, never>;
  destination_org_ids: ColumnType<number[], number[] | undefined, never>;
  involved_org_ids: ColumnType<number[], number[] | undefined, never>;
  submitted_by_org_id: number | null;
  capture_job_id: string;
  event: Json;
  error_declaration_time: ColumnType<Date | null, Date | string | null | undefined, never>;
  error_reason: string | null;
  superseded_by: number | null;
}

export interface EpcisCorrectionsTable {
  declaration_event_id: number;
  corrective_event_uri: string;
  corrective_event_id: number | null;
}

export interface EventObjectsTable {
  event_id: number;
  object_id: number;
  event_time: ColumnType<Date, Date | string, never>;
  role: string;
  quantity: number | null;
  uom: string | null;
}

export interface SensorReadingsTable {
  event_id: number;
  reading_index: number;
  time: ColumnType<Date, Date | string, never>;
  type: string | null;
  value: number | null;
  min_value: number | null;
  max_value: number | null;
  mean_value: number | null;
  string_value: string | null;
  boolean_value: boolean | null;
  uom: string | null;
  device_id: string | null;
  exception: string | null;
}

export interface EventViolationsTable {
  id: Id;
  event_id: number;
  event_time: ColumnType<Date, Date | string, never>;
  rule: string;
  path: ColumnType<string, string | undefined, never>;
  params: ColumnType<unknown, string | undefined, never>;
  organization_id: number | null;
  detected_at: CreatedAt;
}

export interface PatientIdentitiesTable {
  id: Id;
  patient_key: string;
  name_ciphertext: string;
  id_number_ciphertext: string | null;
  birth_date_ciphertext: string | null;
  name_masked: string;
  id_number_masked: string | null;
  created_at: CreatedAt;
}

export type AdverseEventKind = 'initial' | 'follow_up' | 'final';
export type AdverseEventReporterType = 'institution' | 'distributor' | 'registrant';
export type AdverseEventOutcome = 'death' | 'serious_injury' | 'other';

export interface AdverseEventReportsTable {
  id: Id;
  report_no: string;
  kind: AdverseEventKind;
  initial_report_id: number | null;
  reporter_organization_id: number;
  reporter_type: AdverseEventReporterType;
  region_code: string;
  registrant_organization_id: number;
  product_di: string;
  product_id: number;
  lot: string | null;
  serial: string | null;
  production_date: CivilDate | null;
  expiry_date: CivilDate | null;
  udi_raw: string | null;
  patient_key: string;
  patient_identity_id: number;
  patient_sex: 'male' | 'female' | 'unknown' | null;
  patient_age: number | null;
  manifestation: string;
  event_date: CivilDate;
  date_known: CivilDate;
  known_at: ColumnType<Date | null, Date | string | null | undefined, never>;
  place: string | null;
  outcome: AdverseEventOutcome;
  death_date: CivilDate | null;
  narrative: string | null;
  abroad: ColumnType<boolean, boolean | undefined, never>;
  cluster: ColumnType<boolean, boolean | undefined, never>;
  operator_type: 'professional' | 'lay' | 'patient' | null;
  implant_date: CivilDate | null;
  imdrf_codes: ColumnType<string[], string[] | undefined, never>;
  causality: string | null;
  actions: string | null;
  deadline: ColumnType<Date | null, Date | string | null | undefined, never>;
  deadline_rule: string | null;
  submitted_at: ColumnType<Date, Date | string, never>;
  late: ColumnType<boolean, boolean | undefined, never>;
  late_by_hours: ColumnType<number, number | undefined, never>;
  duplicate_of: number | null;
  duplicate_reason: ColumnType<unknown, string | null | undefined, never>;
  created_by_type: 'user' | 'token' | 'system';
  created_by: number | null;
  created_at: CreatedAt;
}

export interface AdverseEventLinksTable {
  id: Id;
  report_id: number;
  duplicate_of: number;
  reason: Json;
  created_at: CreatedAt;
  unlinked_at: NullableTimestamp;
  unlinked_by_type: 'user' | 'token' | 'system' | null;
  unlinked_by: number | null;
}

export interface IdempotencyKeysTable {
  id: Id;
  actor_type: 'user' | 'token' | 'system';
  actor_id: number;
  key: string;
  route: string;
  request_hash: string;
  status_code: number | null;
  response: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface DB {
  regions: RegionsTable;
  organizations: OrganizationsTable;
  organization_locations: OrganizationLocationsTable;
  licenses: LicensesTable;
  license_status_history: LicenseStatusHistoryTable;
  registrations: RegistrationsTable;
  products: ProductsTable;
  product_dis: ProductDisTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  security_policy: SecurityPolicyTable;
  audit_log: AuditLogTable;
  app_state: AppStateTable;
  schema_migrations: SchemaMigrationsTable;
  calendar_overrides: CalendarOverridesTable;
  deadline_rules: DeadlineRulesTable;
  capture_jobs: CaptureJobsTable;
  epc_objects: EpcObjectsTable;
  epcis_events: EpcisEventsTable;
  epcis_corrections: EpcisCorrectionsTable;
  event_objects: EventObjectsTable;
  sensor_readings: SensorReadingsTable;
  event_violations: EventViolationsTable;
  patient_identities: PatientIdentitiesTable;
  adverse_event_reports: AdverseEventReportsTable;
  adverse_event_links: AdverseEventLinksTable;
  idempotency_keys: IdempotencyKeysTable;
}

// Projections over the event store (migration 0005, features/trace). Declared as a second `DB`
// block (interface merging) so this feature's tables stay together at the end of the file.
export interface ObjectStateTable {
  object_id: number;
  kind: string;
  di: string | null;
  lot: string | null;
  holder_org_id: number | null;
  location: string | null;
  disposition: string | null;
  last_biz_step: string | null;
  last_event_id: number | null;
  last_event_time: Date | null;
  status: string;
  in_transit: boolean;
  destination_org_id: number | null;
  parent_object_id: number | null;
}

export interface ContainmentTable {
  child_id: number;
  parent_id: number;
  t_from: Date;
  t_to: Date | null;
  add_event_id: number;
}

export interface CustodyTransfersTable {
  object_id: number;
  event_id: number;
  event_time: Date;
  kind: 'ship' | 'receive' | 'return';
  from_org_id: number | null;
  to_org_id: number | null;
}

export interface LotHoldingsTable {
  di: string;
  lot: string;
  holder_org_id: number;
  received: number;
  in_stock: number;
  in_transit: number;
  used: number;
  returned: number;
  destroyed: number;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DB {
  object_state: ObjectStateTable;
  containment: ContainmentTable;
  custody_transfers: CustodyTransfersTable;
  lot_holdings: LotHoldingsTable;
}

// Alerts (migration 0008, features/alerts), a separate `DB` block (interface merging).
type AlertTs = ColumnType<Date, Date | string | undefined, Date | string>;
type AlertJson = ColumnType<unknown, string | undefined, string>;
export type AlertGradeValue = 'general' | 'major' | 'critical';
export type AlertStatusValue = 'new' | 'acknowledged' | 'verifying' | 'confirmed' | 'dismissed';
export type AlertLevelValue = 'city' | 'province' | 'national';

export interface AlertsTable {
  id: Generated<number>;
  dedup_key: string;
  source: string;
  grade: AlertGradeValue;
  status: ColumnType<AlertStatusValue, AlertStatusValue | undefined, AlertStatusValue>;
  subject_type: 'product' | 'lot' | 'unit' | 'organization' | 'report' | 'region';
  subject_key: string;
  subject_label: string;
  subject_di: string | null;
  subject_lot: string | null;
  subject_serial: string | null;
  subject_organization_id: number | null;
  origin_region_code: string;
  region_code: string;
  level: AlertLevelValue;
  department: 'ae_monitoring' | 'distribution_supervision' | 'production_supervision' | 'inspection_enforcement';
  deadline: ColumnType<Date, Date | string, Date | string>;
  deadline_rule: string;
  occurred_at: ColumnType<Date, Date | string, Date | string>;
  occurrences: ColumnType<number, number | undefined, number>;
  last_seen_at: AlertTs;
  evidence: AlertJson;
  attribution: ColumnType<unknown, string | null | undefined, string | null>;
  dismiss_reason: string | null;
  escalation_count: ColumnType<number, number | undefined, number>;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: AlertTs;
  updated_at: AlertTs;
}

export interface AlertHistoryTable {
  id: Generated<number>;
  alert_id: number;
  kind: 'raised' | 'recurred' | 'action' | 'escalated';
  action: string | null;
  from_status: string | null;
  to_status: string | null;
  from_level: string | null;
  to_level: string | null;
  comment: string | null;
  details: AlertJson;
  actor_type: 'user' | 'token' | 'system';
  actor_id: number | null;
  actor_name: string | null;
  at: AlertTs;
}

export interface AlertEventsTable {
  seq: Generated<number>;
  alert_id: number;
  kind: 'created' | 'updated' | 'status' | 'escalated';
  origin_region_code: string;
  created_at: AlertTs;
}

export interface AlertReadsTable {
  alert_id: number;
  user_id: number;
  read_at: AlertTs;
}

export interface AlertSubscriptionsTable {
  id: Generated<number>;
  jurisdiction_code: string;
  channel: 'email' | 'webhook';
  target: string;
  secret: string | null;
  min_grade: ColumnType<AlertGradeValue, AlertGradeValue | undefined, AlertGradeValue>;
  department: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: AlertTs;
  created_by: number | null;
}

export interface AlertDeliveriesTable {
  id: Generated<number>;
  delivery_id: Generated<string>;
  subscription_id: number;
  event_seq: number;
  alert_id: number;
  status: ColumnType<'pending' | 'sent' | 'failed', 'pending' | 'sent' | 'failed' | undefined, 'pending' | 'sent' | 'failed'>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: AlertTs;
  last_error: string | null;
  created_at: AlertTs;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AlertEngineCursorsTable {
  name: string;
  position: number;
  updated_at: AlertTs;
}

export interface DB {
  alerts: AlertsTable;
  alert_history: AlertHistoryTable;
  alert_events: AlertEventsTable;
  alert_reads: AlertReadsTable;
  alert_subscriptions: AlertSubscriptionsTable;
  alert_deliveries: AlertDeliveriesTable;
  alert_engine_cursors: AlertEngineCursorsTable;
}

// Production records, quality flags and attachments (migration 0006, features/production,
// features/attachments). A separate `DB` block (interface merging) keeps these tables together.
type ProdCreatedBy = 'user' | 'token' | 'system';
type ProdJson = ColumnType<unknown, string | undefined, string>;

export interface MaterialReceiptsTable {
  id: Generated<number>;
  organization_id: number;
  region_code: string;
  supplier_organization_id: number;
  material_name: string;
  material_code: string;
  material_kind: string;
  material_lot: string;
  quantity: number;
  unit: string;
  purchase_date: string;
  qualifications: ProdJson;
  inspection_items: ProdJson;
  inspection_result: 'pass' | 'fail';
  inspector: string;
  inspection_date: string;
  created_by_type: ProdCreatedBy;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface ProductionBatchesTable {
  id: Generated<number>;
  organization_id: number;
  region_code: string;
  product_id: number;
  product_di: string;
  lot: string;
  quantity: number;
  production_date: string;
  expiry_date: string | null;
  process_route: string;
  process_version: string;
  environment_limits: ProdJson;
  created_by_type: ProdCreatedBy;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface BatchMaterialsTable {
  batch_id: number;
  receipt_id: number;
  quantity: number;
  unit: string;
}

export interface EnvironmentReadingsTable {
  batch_id: number;
  reading_index: number;
  measured_at: ColumnType<Date, Date | string, never>;
  room: string;
  particles_05: number | null;
  particles_5: number | null;
  temperature_c: number | null;
  humidity_pct: number | null;
  pressure_diff_pa: number | null;
}

export interface ReleaseReportsTable {
  id: Generated<number>;
  batch_id: number;
  organization_id: number;
  region_code: string;
  report_no: string | null;
  inspector: string;
  decision: 'released' | 'rejected';
  decided_at: ColumnType<Date, Date | string, never>;
  items: ProdJson;
  failed_count: ColumnType<number, number | undefined, never>;
  created_by_type: ProdCreatedBy;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface QualityFlagsTable {
  id: Generated<number>;
  rule: string;
  subject_type: 'batch' | 'material_lot' | 'lot';
  subject_key: string;
  organization_id: number;
  region_code: string;
  params: ProdJson;
  detected_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface AttachmentBlobsTable {
  sha256: string;
  size_bytes: number;
  media_type: 'application/pdf' | 'image/png' | 'image/jpeg';
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface AttachmentsTable {
  id: Generated<number>;
  subject_type: 'batch' | 'material_receipt' | 'organization';
  subject_id: number;
  organization_id: number;
  region_code: string;
  document_key: string;
  version: number;
  title: string | null;
  file_name: string;
  sha256: string;
  created_by_type: ProdCreatedBy;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface DB {
  material_receipts: MaterialReceiptsTable;
  production_batches: ProductionBatchesTable;
  batch_materials: BatchMaterialsTable;
  environment_readings: EnvironmentReadingsTable;
  release_reports: ReleaseReportsTable;
  quality_flags: QualityFlagsTable;
  attachment_blobs: AttachmentBlobsTable;
  attachments: AttachmentsTable;
}

// Distribution documents, receiving acceptance, use records and patient-identity grants (migration
// 0007, features distribution-documents, use-records, privacy). A separate `DB` block (interface merging).
type UrCreatedBy = 'user' | 'token' | 'system';
type UrCreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UrNumeric = ColumnType<number, number | string, number | string>;

export interface DistributionDocumentsTable {
  id: Generated<number>;
  kind: 'purchase_contract' | 'delivery_note';
  number: string;
  organization_id: number;
  supplier_organization_id: number;
  supplier_region_code: string;
  buyer_organization_id: number;
  buyer_region_code: string;
  document_date: string;
  delivery_date: string | null;
  contract_id: number | null;
  shipping_event_id: number | null;
  receiving_event_id: number | null;
  event_link: ColumnType<'given' | 'document_number' | 'none', 'given' | 'document_number' | 'none' | undefined, never>;
  note: string | null;
  created_by_type: UrCreatedBy;
  created_by: number | null;
  created_at: UrCreatedAt;
}

export interface DistributionDocumentLinesTable {
  document_id: number;
  line_no: number;
  product_di: string;
  lot: string | null;
  serial: string | null;
  quantity: number;
}

export interface ReceivingAcceptancesTable {
  id: Generated<number>;
  organization_id: number;
  region_code: string;
  delivery_note_id: number | null;
  receiving_event_id: number | null;
  received_at: ColumnType<Date, Date | string, never>;
  inspector: string;
  condition: 'good' | 'damaged' | 'temperature_excursion';
  temperature_c: ColumnType<number | null, number | null, number | null>;
  accepted: boolean;
  reason: string | null;
  discrepancy: boolean;
  created_by_type: UrCreatedBy;
  created_by: number | null;
  created_at: UrCreatedAt;
}

export interface ReceivingAcceptanceLinesTable {
  acceptance_id: number;
  line_no: number;
  product_di: string;
  lot: string | null;
  serial: string | null;
  expected_quantity: number | null;
  checked_quantity: number;
}

export interface OperatorTrainingsTable {
  id: Generated<number>;
  organization_id: number;
  region_code: string;
  operator: string;
  operator_key: string;
  /** The institution's staff number (migration 0012); null on older rows. */
  operator_id: string | null;
  device_kind: string | null;
  product_di: string | null;
  trained_on: string;
  trainer: string;
  valid_until: string;
  certificate_no: string | null;
  created_by_type: UrCreatedBy;
  created_by: number | null;
  created_at: UrCreatedAt;
}

export interface ClinicalUsesTable {
  id: Generated<number>;
  organization_id: number;
  region_code: string;
  product_di: string;
  product_id: number;
  device_kind: string;
  lot: string | null;
  serial: string | null;
  udi_raw: string | null;
  department: string;
  procedure: string | null;
  used_on: string;
  operator: string;
  /** The institution's staff number (migration 0012); null on older rows. */
  operator_id: string | null;
  operator_trained: boolean;
  training_id: number | null;
  patient_key: string | null;
  patient_identity_id: number | null;
  epcis_event_id: number | null;
  created_by_type: UrCreatedBy;
  created_by: number | null;
  created_at: UrCreatedAt;
}

export interface MaintenanceRecordsTable {
  id: Generated<number>;
  organization_id: number;
  region_code: string;
  product_di: string;
  product_id: number;
  lot: string | null;
  serial: string;
  udi_raw: string | null;
  fault: string | null;
  started_on: string;
  completed_on: string | null;
  downtime_hours: UrNumeric;
  parts: ColumnType<string[], string[] | undefined, string[]>;
  result: 'serviced' | 'repaired' | 'scrapped' | 'sent_back';
  technician: string;
  created_by_type: UrCreatedBy;
  created_by: number | null;
  created_at: UrCreatedAt;
}

export interface DeviceDisposalsTable {
  id: Generated<number>;
  organization_id: number;
  region_code: string;
  product_di: string;
  product_id: number;
  lot: string | null;
  serial: string | null;
  udi_raw: string | null;
  quantity: number;
  disposed_on: string;
  method: 'medical_waste' | 'destroyed' | 'returned_to_supplier' | 'other';
  reason: string;
  epcis_event_id: number | null;
  created_by_type: UrCreatedBy;
  created_by: number | null;
  created_at: UrCreatedAt;
}

export interface InstitutionDeviceFactsTable {
  id: Generated<number>;
  organization_id: number;
  region_code: string;
  management_system: boolean;
  system_document: string | null;
  responsible_person: string;
  responsible_phone: string | null;
  created_by_type: UrCreatedBy;
  created_by: number | null;
  created_at: UrCreatedAt;
}

export interface PatientIdentityGrantsTable {
  id: Generated<number>;
  patient_key: string;
  grantee_user_id: number;
  purpose: string;
  expires_at: ColumnType<Date, Date | string, never>;
  granted_by: number;
  created_at: UrCreatedAt;
  revoked_at: ColumnType<Date | null, never, Date | string>;
  revoked_by: ColumnType<number | null, never, number>;
}

export interface PatientIdentityRequestsTable {
  id: Generated<number>;
  patient_key: string;
  requester_user_id: number;
  purpose: string;
  status: ColumnType<'pending' | 'approved' | 'declined' | 'withdrawn', never, 'approved' | 'declined' | 'withdrawn'>;
  created_at: UrCreatedAt;
  decided_by: ColumnType<number | null, never, number>;
  decided_at: ColumnType<Date | null, never, Date | string>;
  decision_reason: ColumnType<string | null, never, string>;
  grant_id: ColumnType<number | null, never, number>;
}

export interface DB {
  distribution_documents: DistributionDocumentsTable;
  distribution_document_lines: DistributionDocumentLinesTable;
  receiving_acceptances: ReceivingAcceptancesTable;
  receiving_acceptance_lines: ReceivingAcceptanceLinesTable;
  operator_trainings: OperatorTrainingsTable;
  clinical_uses: ClinicalUsesTable;
  maintenance_records: MaintenanceRecordsTable;
  device_disposals: DeviceDisposalsTable;
  institution_device_facts: InstitutionDeviceFactsTable;
  patient_identity_grants: PatientIdentityGrantsTable;
  patient_identity_requests: PatientIdentityRequestsTable;
}

// ── Risk engine (migration 0009) ──────────────────────────────────────────────────────────────
export interface RiskIndicatorsTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string;
  metric: ColumnType<{ kind: 'count' | 'rate'; numerator: string; denominator: string | null; per: number }, string, string>;
  grouping: string;
  window_unit: 'days' | 'weeks';
  window_length: number;
  method: 'threshold' | 'poisson_exact' | 'cusum';
  threshold: number;
  min_count: number;
  grade: 'general' | 'major' | 'critical';
  department: string;
  enabled: boolean;
  builtin: boolean;
  version: ColumnType<number, number | undefined, number>;
  created_by_type: 'user' | 'token' | 'system';
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RiskRunsTable {
  id: Generated<number>;
  status: 'running' | 'done' | 'failed';
  trigger: 'api' | 'schedule' | 'demo';
  requested_by_type: 'user' | 'token' | 'system';
  requested_by: number | null;
  stage: ColumnType<string, string | undefined, string>;
  done: ColumnType<number, number | undefined, number>;
  total: ColumnType<number, number | undefined, number>;
  started_at: ColumnType<Date, Date | string | undefined, never>;
  finished_at: ColumnType<Date | null, never, Date | string>;
  duration_ms: ColumnType<number | null, never, number>;
  signals: ColumnType<number, never, number>;
  alerts_raised: ColumnType<number, never, number>;
  alerts_updated: ColumnType<number, never, number>;
  skipped: ColumnType<unknown, never, string>;
  summary: ColumnType<unknown, never, string>;
  error: ColumnType<string | null, never, string>;
}

export interface DB {
  risk_indicators: RiskIndicatorsTable;
  risk_runs: RiskRunsTable;
}

// Registrant investigations of adverse events (migration 0010).
export interface AdverseEventInvestigationsTable {
  id: Generated<number>;
  report_id: number;
  registrant_organization_id: number;
  status: 'in_progress' | 'final';
  findings: string;
  finding_codes: ColumnType<string[], string[] | undefined, string[]>;
  conclusion_codes: ColumnType<string[], string[] | undefined, string[]>;
  root_cause: string;
  corrective_actions: string | null;
  filed_at: ColumnType<Date, Date | string, never>;
  due_at: ColumnType<Date | null, Date | string | null, never>;
  late: ColumnType<boolean, boolean | undefined, never>;
  late_by_hours: ColumnType<number, number | undefined, never>;
  created_by_type: 'user' | 'token' | 'system';
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface AdverseEventInvestigationDuesTable {
  report_id: number;
  due_at: ColumnType<Date, Date | string, never>;
  rule: string;
}

export interface DB {
  adverse_event_investigations: AdverseEventInvestigationsTable;
  adverse_event_investigation_dues: AdverseEventInvestigationDuesTable;
}

// Lot suspensions and recalls (migration 0011, features/lot-restrictions).
export interface LotRestrictionsTable {
  id: Generated<number>;
  di: string;
  lot: string;
  kind: 'suspension' | 'recall';
  recall_level: 1 | 2 | 3 | null;
  reason: string;
  registrant_org_id: number | null;
  voluntary: ColumnType<boolean, boolean | undefined, never>;
  recorded_by_type: 'user' | 'token' | 'system';
  recorded_by: number | null;
  region_code: string;
  started_at: ColumnType<Date, Date | string, never>;
  lifted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string>;
  lifted_by_type: ColumnType<'user' | 'token' | 'system' | null, 'user' | 'token' | 'system' | null | undefined, 'user' | 'token' | 'system'>;
  lifted_by: ColumnType<number | null, number | null | undefined, number | null>;
  lift_reason: ColumnType<string | null, string | null | undefined, string>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface DB {
  lot_restrictions: LotRestrictionsTable;
}
