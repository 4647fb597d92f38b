-- Distribution documents, receiving acceptance, use records of medical institutions and the
-- privacy officer's grants to see a patient's identity (issue 4, items 2 and 3).
--
-- All records are append-only facts (DESIGN.md decision 2); the only updates are the revocation of a
-- grant and nothing else. Each table carries the recording organisation and its region code, so
-- scoping is a column comparison (the organisation is the natural distribution key).

-- Purchase contracts and delivery notes. A document concerns a supplier and a buyer; either may record
-- it. The shipping / receiving events are the EPCIS events of the delivery, when known.
create table distribution_documents (
  id                        bigint generated always as identity primary key,
  kind                      text not null check (kind in ('purchase_contract', 'delivery_note')),
  number                    text not null,
  organization_id           bigint not null references organizations (id),
  supplier_organization_id  bigint not null references organizations (id),
  supplier_region_code      text collate "C" not null check (supplier_region_code ~ '^[0-9]{6}$'),
  buyer_organization_id     bigint not null references organizations (id),
  buyer_region_code         text collate "C" not null check (buyer_region_code ~ '^[0-9]{6}$'),
  document_date             date not null,
  delivery_date             date,
  contract_id               bigint references distribution_documents (id),
  shipping_event_id         bigint,
  receiving_event_id        bigint,
  -- how the events were linked: given by id, or found by the document number the events cite
  event_link                text not null default 'none' check (event_link in ('given', 'document_number', 'none')),
  note                      text,
  created_by_type           text not null check (created_by_type in ('user', 'token', 'system')),
  created_by                bigint,
  created_at                timestamptz not null default now(),
  unique (organization_id, kind, number),
  check (supplier_organization_id <> buyer_organization_id),
  check (organization_id in (supplier_organization_id, buyer_organization_id)),
  check (delivery_date is null or delivery_date >= document_date)
);
create index distribution_documents_supplier_idx on distribution_documents (supplier_organization_id, document_date);
create index distribution_documents_buyer_idx on distribution_documents (buyer_organization_id, document_date);
create index distribution_documents_number_idx on distribution_documents (number);

create table distribution_document_lines (
  document_id  bigint not null references distribution_documents (id),
  line_no      integer not null,
  product_di   text collate "C" not null references product_dis (di),
  lot          text collate "C",
  serial       text collate "C",
  quantity     integer not null check (quantity > 0),
  primary key (document_id, line_no)
);
create index distribution_document_lines_lot_idx on distribution_document_lines (product_di, lot);

-- The buyer's receiving acceptance (验收记录) of a delivery; discrepancy is true when what was counted
-- differs from the delivery note (the lines carry both quantities).
create table receiving_acceptances (
  id                   bigint generated always as identity primary key,
  organization_id      bigint not null references organizations (id),
  region_code          text collate "C" not null check (region_code ~ '^[0-9]{6}$'),
  delivery_note_id     bigint references distribution_documents (id),
  receiving_event_id   bigint,
  received_at          timestamptz not null,
  inspector            text not null,
  condition            text not null check (condition in ('good', 'damaged', 'temperature_excursion')),
  temperature_c        numeric(5, 1) check (temperature_c between -90 and 60),
  accepted             boolean not null,
  reason               text,
  discrepancy          boolean not null default false,
  created_by_type      text not null check (created_by_type in ('user', 'token', 'system')),
  created_by           bigint,
  created_at           timestamptz not null default now(),
  check (accepted and condition = 'good' or reason is not null)
);
create index receiving_acceptances_org_idx on receiving_acceptances (organization_id, received_at);
create index receiving_acceptances_region_idx on receiving_acceptances (region_code, received_at);
create index receiving_acceptances_note_idx on receiving_acceptances (delivery_note_id);

create table receiving_acceptance_lines (
  acceptance_id      bigint not null references receiving_acceptances (id),
  line_no            integer not null,
  product_di         text collate "C" not null references product_dis (di),
  lot                text collate "C",
  serial             text collate "C",
  -- null: no delivery note to compare with
  expected_quantity  integer check (expected_quantity >= 0),
  checked_quantity   integer not null check (checked_quantity >= 0),
  primary key (acceptance_id, line_no)
);

-- Operator training: what makes an operator "trained" for a use (derived, never taken from input).
create table operator_trainings (
  id               bigint generated always as identity primary key,
  organization_id  bigint not null references organizations (id),
  region_code      text collate "C" not null check (region_code ~ '^[0-9]{6}$'),
  operator         text not null,
  -- the operator name without spaces and in NFKC form, to match uses
  operator_key     text not null,
  device_kind      text,
  product_di       text collate "C" references product_dis (di),
  trained_on       date not null,
  trainer          text not null,
  valid_until      date not null,
  certificate_no   text,
  created_by_type  text not null check (created_by_type in ('user', 'token', 'system')),
  created_by       bigint,
  created_at       timestamptz not null default now(),
  check ((device_kind is null) <> (product_di is null)),
  check (valid_until >= trained_on)
);
create index operator_trainings_operator_idx on operator_trainings (organization_id, operator_key);

-- Clinical use of a device on a patient. operator_trained and training_id are derived at recording.
create table clinical_uses (
  id                   bigint generated always as identity primary key,
  organization_id      bigint not null references organizations (id),
  region_code          text collate "C" not null check (region_code ~ '^[0-9]{6}$'),
  product_di           text collate "C" not null references product_dis (di),
  product_id           bigint not null references products (id),
  device_kind          text not null,
  lot                  text collate "C",
  serial               text collate "C",
  udi_raw              text,
  department           text not null,
  procedure            text,
  used_on              date not null,
  operator             text not null,
  operator_trained     boolean not null,
  training_id          bigint references operator_trainings (id),
  patient_key          text collate "C",
  patient_identity_id  bigint references patient_identities (id),
  epcis_event_id       bigint,
  created_by_type      text not null check (created_by_type in ('user', 'token', 'system')),
  created_by           bigint,
  created_at           timestamptz not null default now(),
  check (operator_trained = (training_id is not null))
);
create index clinical_uses_org_idx on clinical_uses (organization_id, used_on);
create index clinical_uses_region_idx on clinical_uses (region_code, used_on);
create index clinical_uses_product_idx on clinical_uses (product_di, lot);
create index clinical_uses_patient_idx on clinical_uses (patient_key) where patient_key is not null;

-- Equipment maintenance and repair; a record with a fault is a maintenance failure.
create table maintenance_records (
  id               bigint generated always as identity primary key,
  organization_id  bigint not null references organizations (id),
  region_code      text collate "C" not null check (region_code ~ '^[0-9]{6}$'),
  product_di       text collate "C" not null references product_dis (di),
  product_id       bigint not null references products (id),
  lot              text collate "C",
  serial           text collate "C" not null,
  udi_raw          text,
  fault            text,
  started_on       date not null,
  completed_on     date,
  downtime_hours   numeric(8, 1) not null default 0 check (downtime_hours >= 0),
  parts            text[] not null default '{}',
  result           text not null check (result in ('serviced', 'repaired', 'scrapped', 'sent_back')),
  technician       text not null,
  created_by_type  text not null check (created_by_type in ('user', 'token', 'system')),
  created_by       bigint,
  created_at       timestamptz not null default now(),
  check ((result = 'serviced') = (fault is null)),
  check (completed_on is null or completed_on >= started_on)
);
create index maintenance_records_org_idx on maintenance_records (organization_id, started_on);
create index maintenance_records_product_idx on maintenance_records (product_di, serial);

create table device_disposals (
  id               bigint generated always as identity primary key,
  organization_id  bigint not null references organizations (id),
  region_code      text collate "C" not null check (region_code ~ '^[0-9]{6}$'),
  product_di       text collate "C" not null references product_dis (di),
  product_id       bigint not null references products (id),
  lot              text collate "C",
  serial           text collate "C",
  udi_raw          text,
  quantity         integer not null check (quantity > 0),
  disposed_on      date not null,
  method           text not null check (method in ('medical_waste', 'destroyed', 'returned_to_supplier', 'other')),
  reason           text not null,
  epcis_event_id   bigint,
  created_by_type  text not null check (created_by_type in ('user', 'token', 'system')),
  created_by       bigint,
  created_at       timestamptz not null default now()
);
create index device_disposals_org_idx on device_disposals (organization_id, disposed_on);

-- The institution's device-management facts; each statement is a new row, the newest is current.
create table institution_device_facts (
  id                  bigint generated always as identity primary key,
  organization_id     bigint not null references organizations (id),
  region_code         text collate "C" not null check (region_code ~ '^[0-9]{6}$'),
  management_system   boolean not null,
  system_document     text,
  responsible_person  text not null,
  responsible_phone   text,
  created_by_type     text not null check (created_by_type in ('user', 'token', 'system')),
  created_by          bigint,
  created_at          timestamptz not null default now()
);
create index institution_device_facts_org_idx on institution_device_facts (organization_id, id);

-- A privacy officer's grant: one user may see one patient's identity unmasked until expires_at,
-- unless revoked. Revocation is the one update this migration allows.
create table patient_identity_grants (
  id               bigint generated always as identity primary key,
  patient_key      text collate "C" not null,
  grantee_user_id  bigint not null references users (id),
  purpose          text not null,
  expires_at       timestamptz not null,
  granted_by       bigint not null references users (id),
  created_at       timestamptz not null default now(),
  revoked_at       timestamptz,
  revoked_by       bigint references users (id),
  check (grantee_user_id <> granted_by)
);
create index patient_identity_grants_lookup_idx on patient_identity_grants (patient_key, grantee_user_id);
