-- Production records (issue 4, items 1, 5 and 6): raw-material receipts with the supplier's
-- qualification documents and the incoming inspection, production batches with the material lots
-- they consumed and their clean-room readings, release inspection reports, quality flags, and
-- versioned process documents (attachments) stored on the filesystem by content hash.
--
-- Records are append-only facts (DESIGN.md decision 2). Every record carries the writing
-- manufacturer (organization_id) and its region (region_code, copied at write time) so data
-- scoping is one WHERE clause without a join. Scale path (decision 8): batches are distributed by
-- (product_di, lot), receipts by organization_id; child rows by their parent's id.

-- One row per received material lot: the "material lot" of a batch's consumption is this row.
create table material_receipts (
  id                        bigint generated always as identity primary key,
  organization_id           bigint not null references organizations (id),
  region_code               text collate "C" not null check (region_code ~ '^[0-9]{6}$'),
  supplier_organization_id  bigint not null references organizations (id),
  material_name             text not null,
  material_code             text collate "C" not null,
  material_kind             text not null,
  material_lot              text collate "C" not null,
  quantity                  numeric not null check (quantity > 0),
  unit                      text not null,
  purchase_date             date not null,
  -- [{kind, number, validFrom, validTo}] as presented with this delivery.
  qualifications            jsonb not null default '[]',
  -- [{name, standard, method, lowerLimit, upperLimit, unit, measuredValue, passed}]; passed is computed.
  inspection_items          jsonb not null default '[]',
  inspection_result         text not null check (inspection_result in ('pass', 'fail')),
  inspector                 text not null,
  inspection_date           date not null,
  created_by_type           text not null check (created_by_type in ('user', 'token', 'system')),
  created_by                bigint,
  created_at                timestamptz not null default now(),
  unique (organization_id, material_code, material_lot)
);
create index material_receipts_region_idx on material_receipts (region_code, id);
create index material_receipts_supplier_idx on material_receipts (supplier_organization_id);

create table production_batches (
  id                  bigint generated always as identity primary key,
  organization_id     bigint not null references organizations (id),
  region_code         text collate "C" not null check (region_code ~ '^[0-9]{6}$'),
  product_id          bigint not null references products (id),
  product_di          text collate "C" not null references product_dis (di),
  lot                 text collate "C" not null,
  quantity            integer not null check (quantity > 0),
  production_date     date not null,
  expiry_date         date,
  process_route       text not null,
  process_version     text not null,
  -- {particles05Max, particles5Max, temperatureMin, temperatureMax, humidityMin, humidityMax, pressureDiffMin, pressureDiffMax}
  environment_limits  jsonb not null default '{}',
  created_by_type     text not null check (created_by_type in ('user', 'token', 'system')),
  created_by          bigint,
  created_at          timestamptz not null default now(),
  unique (product_di, lot),
  check (expiry_date is null or expiry_date > production_date)
);
create index production_batches_org_idx on production_batches (organization_id, production_date);
create index production_batches_region_idx on production_batches (region_code, id);

-- Material lot → batch: read both ways (a batch's materials; every batch a material lot went into).
create table batch_materials (
  batch_id      bigint not null references production_batches (id),
  receipt_id    bigint not null references material_receipts (id),
  quantity      numeric not null check (quantity > 0),
  unit          text not null,
  primary key (batch_id, receipt_id)
);
create index batch_materials_receipt_idx on batch_materials (receipt_id);

create table environment_readings (
  batch_id          bigint not null references production_batches (id),
  reading_index     integer not null,
  measured_at       timestamptz not null,
  room              text not null,
  particles_05      double precision check (particles_05 >= 0),   -- particles ≥ 0.5 µm per m³
  particles_5       double precision check (particles_5 >= 0),    -- particles ≥ 5 µm per m³
  temperature_c     double precision,
  humidity_pct      double precision check (humidity_pct between 0 and 100),
  pressure_diff_pa  double precision,
  primary key (batch_id, reading_index)
);

create table release_reports (
  id               bigint generated always as identity primary key,
  batch_id         bigint not null unique references production_batches (id),
  organization_id  bigint not null references organizations (id),
  region_code      text collate "C" not null check (region_code ~ '^[0-9]{6}$'),
  report_no        text,
  inspector        text not null,
  decision         text not null check (decision in ('released', 'rejected')),
  decided_at       timestamptz not null,
  -- [{name, standard, method, lowerLimit, upperLimit, unit, measuredValue, passed}]; passed is computed by the platform.
  items            jsonb not null,
  failed_count     integer not null default 0,
  created_by_type  text not null check (created_by_type in ('user', 'token', 'system')),
  created_by       bigint,
  created_at       timestamptz not null default now()
);
create index release_reports_region_idx on release_reports (region_code, id);

-- Quality flags: a production rule found broken (core/rules/production-flags.ts). Derived evidence
-- for the alerts and the risk engine; re-evaluating a record never adds a second row for the same
-- finding. subject_key by subject_type:
--   batch         production_batches.id                       (released_with_failed_item)
--   material_lot  '<material_receipts.id>/<production_batches.id>' (supplier_qualification_lapsed,
--                 material_failed_inspection: one flag per use of the lot in a batch)
--   lot           '<product DI>/<lot>'                         (shipped_before_release)
-- params always holds batchId, productDi and lot, plus the rule's own evidence.
create table quality_flags (
  id               bigint generated always as identity primary key,
  rule             text not null,
  subject_type     text not null check (subject_type in ('batch', 'material_lot', 'lot')),
  subject_key      text collate "C" not null,
  organization_id  bigint not null references organizations (id),
  region_code      text collate "C" not null check (region_code ~ '^[0-9]{6}$'),
  params           jsonb not null default '{}',
  detected_at      timestamptz not null default now(),
  unique (rule, subject_type, subject_key)
);
create index quality_flags_org_idx on quality_flags (organization_id, detected_at);
create index quality_flags_region_idx on quality_flags (region_code, detected_at);
create index quality_flags_detected_idx on quality_flags (detected_at, id);

-- File content, stored once per SHA-256 under <attachment dir>/<first two hex digits>/<sha256>.
create table attachment_blobs (
  sha256      text collate "C" primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes  bigint not null check (size_bytes > 0),
  media_type  text not null check (media_type in ('application/pdf', 'image/png', 'image/jpeg')),
  created_at  timestamptz not null default now()
);

-- Versioned process documents: (subject, document_key) has versions 1, 2, …
create table attachments (
  id               bigint generated always as identity primary key,
  subject_type     text not null check (subject_type in ('batch', 'material_receipt', 'organization')),
  subject_id       bigint not null,
  organization_id  bigint not null references organizations (id),
  region_code      text collate "C" not null check (region_code ~ '^[0-9]{6}$'),
  document_key     text collate "C" not null,
  version          integer not null check (version > 0),
  title            text,
  file_name        text not null,
  sha256           text collate "C" not null references attachment_blobs (sha256),
  created_by_type  text not null check (created_by_type in ('user', 'token', 'system')),
  created_by       bigint,
  created_at       timestamptz not null default now(),
  unique (subject_type, subject_id, document_key, version)
);
create index attachments_org_idx on attachments (organization_id, id);
create index attachments_region_idx on attachments (region_code, id);
