-- EPCIS 2.0 event store (issue 3): capture jobs, events as append-only facts, interned identifiers,
-- one row per (event, object) for trace, sensor readings, and business-rule violations as evidence.
--
-- Scale path (DESIGN.md decision 8). Every large table has a natural distribution key and keeps only
-- uniqueness that contains it, so a sharded store can keep it on one shard:
--   epcis_events      distributed by event_hash: its one uniqueness is (event_hash, declaration).
--                     event_id is an identity for joins; a sharded store would hand out id ranges.
--                     Time partitioning would need the dedup key moved to a narrow
--                     hash → event_id table distributed by hash (same guarantee, same key).
--   event_objects     distributed by object_id (a trace reads one object's events): no uniqueness.
--   epc_objects       distributed by code (its unique key); object_id is a surrogate for joins.
--   sensor_readings   distributed by event_id, no uniqueness.
--   event_violations  distributed by event_id, no uniqueness.
--   capture_jobs, epcis_corrections are small and need no distribution.

create table capture_jobs (
  id               uuid primary key default gen_random_uuid(),
  status           text not null default 'running' check (status in ('running', 'succeeded', 'partial', 'failed')),
  format           text not null check (format in ('json', 'xml')),
  schema_version   text,
  error_behaviour  text not null default 'rollback' check (error_behaviour in ('rollback', 'proceed')),
  document_bytes   integer not null default 0,
  event_count      integer not null default 0,
  accepted_count   integer not null default 0,
  duplicate_count  integer not null default 0,
  rejected_count   integer not null default 0,
  violation_count  integer not null default 0,
  -- [{eventIndex, path, code, params}]: structural problems of rejected events (messages are rendered on read).
  errors           jsonb not null default '[]',
  -- [{eventIndex, eventHash, eventId}]: events already stored by an earlier capture.
  duplicates       jsonb not null default '[]',
  -- Prefix → namespace URI of the document's extension fields, to rebuild a JSON-LD @context on query.
  namespaces       jsonb not null default '{}',
  created_by_type  text not null check (created_by_type in ('user', 'token', 'system')),
  created_by       bigint,
  organization_id  bigint references organizations (id),
  created_at       timestamptz not null default now(),
  finished_at      timestamptz
);
create index capture_jobs_org_idx on capture_jobs (organization_id, created_at);

create table epc_objects (
  object_id  bigint generated always as identity primary key,
  -- sgtin (unit) | lgtin (lot) | gtin (product class) | sscc | other (anything not parsed as a GS1 key)
  kind       text not null,
  -- GS1 canonical key (gs1:01/…/21/…) when the code parses, so an EPC URN and a Digital Link of one
  -- unit are one object; otherwise the code exactly as sent.
  code       text collate "C" not null unique,
  di         text collate "C",
  lot        text collate "C",
  serial     text collate "C"
);
create index epc_objects_di_lot_idx on epc_objects (di, lot) where di is not null;

create table epcis_events (
  event_id                bigint generated always as identity primary key,
  event_hash              text collate "C" not null,
  -- An error declaration repeats the erroneous event (same hash, errorDeclaration excluded from it).
  declaration             boolean not null default false,
  event_uri               text collate "C",
  event_type              text not null,
  event_time              timestamptz not null,
  event_time_zone_offset  text not null,
  record_time             timestamptz not null default now(),
  action                  text,
  biz_step                text,
  disposition             text,
  read_point              text,
  biz_location            text,
  read_point_org_id       bigint,
  biz_location_org_id     bigint,
  source_org_ids          bigint[] not null default '{}',
  destination_org_ids     bigint[] not null default '{}',
  -- Submitter and every organisation the event names: what data scoping matches on.
  involved_org_ids        bigint[] not null default '{}',
  submitted_by_org_id     bigint,
  capture_job_id          uuid not null,
  event                   jsonb not null,
  error_declaration_time  timestamptz,
  error_reason            text,
  -- On an erroneous event: the declaration that superseded it (set once; nothing is deleted).
  superseded_by           bigint,
  unique (event_hash, declaration)
);
create index epcis_events_time_idx on epcis_events (event_time);
create index epcis_events_orgs_idx on epcis_events using gin (involved_org_ids);
create index epcis_events_uri_idx on epcis_events (event_uri) where event_uri is not null;
create index epcis_events_job_idx on epcis_events (capture_job_id);

-- Corrective events named by an error declaration (correctiveEventIDs); the corrective event may
-- arrive before or after the declaration, so the link is filled in whichever comes second.
create table epcis_corrections (
  declaration_event_id  bigint not null,
  corrective_event_uri  text collate "C" not null,
  corrective_event_id   bigint,
  primary key (declaration_event_id, corrective_event_uri)
);
create index epcis_corrections_uri_idx on epcis_corrections (corrective_event_uri) where corrective_event_id is null;

create table event_objects (
  event_id    bigint not null,
  object_id   bigint not null,
  event_time  timestamptz not null,
  -- epc | parent | child | input | output (instances); quantity | child_quantity | input_quantity | output_quantity (classes)
  role        text not null,
  quantity    double precision,
  uom         text
);
create index event_objects_object_time_idx on event_objects (object_id, event_time) include (event_id, role);

create table sensor_readings (
  event_id       bigint not null,
  reading_index  integer not null,
  time           timestamptz not null,
  type           text,
  value          double precision,
  min_value      double precision,
  max_value      double precision,
  mean_value     double precision,
  string_value   text,
  boolean_value  boolean,
  uom            text,
  device_id      text,
  exception      text
);
create index sensor_readings_event_idx on sensor_readings (event_id);

create table event_violations (
  id               bigint generated always as identity primary key,
  event_id         bigint not null,
  event_time       timestamptz not null,
  rule             text not null,
  path             text not null default '',
  params           jsonb not null default '{}',
  -- The organisation the violation is about (shipper, submitter), when known: the risk engine's subject.
  organization_id  bigint,
  detected_at      timestamptz not null default now()
);
create index event_violations_event_idx on event_violations (event_id);
create index event_violations_rule_idx on event_violations (rule, event_time);
