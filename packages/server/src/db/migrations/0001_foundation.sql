-- Foundation: regions, organizations, licences, registrations and products, identity, sessions,
-- API tokens, security policy and the audit chain. Codes compare byte-wise (COLLATE "C").

create table regions (
  code        text collate "C" not null,
  name        text not null,
  level       smallint not null check (level in (1, 2, 3)), -- 1 province, 2 city, 3 county
  parent_code text collate "C",
  valid_from  date not null default date '1980-01-01',
  valid_to    date,
  source      text not null,
  primary key (code, valid_from),
  check (code ~ '^[0-9]{6}$'),
  check (valid_to is null or valid_to > valid_from)
);
create index regions_parent_idx on regions (parent_code) where valid_to is null;

create table organizations (
  id                  bigint generated always as identity primary key,
  type                text not null check (type in ('manufacturer', 'distributor', 'logistics', 'institution', 'regulator', 'agency')),
  name                text not null,
  name_en             text,
  credit_code         text collate "C" unique,
  region_code         text collate "C" not null,
  address             text,
  contact_name        text,
  contact_phone       text,
  gs1_company_prefix  text collate "C",
  gln                 text collate "C" unique,
  institution_grade   text,  -- 三级甲等 …; hospitals and clinics only
  rural               boolean not null default false,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  check (region_code ~ '^[0-9]{6}$'),
  check (gln is null or gln ~ '^[0-9]{13}$'),
  check (credit_code is null or length(credit_code) = 18)
);
create index organizations_region_idx on organizations (region_code, type);
create index organizations_type_idx on organizations (type, id);

create table organization_locations (
  id               bigint generated always as identity primary key,
  organization_id  bigint not null references organizations (id),
  name             text not null,
  kind             text not null check (kind in ('plant', 'warehouse', 'office', 'pharmacy', 'department', 'clinic')),
  gln              text collate "C" not null,
  extension        text collate "C" not null default '0',
  sgln             text collate "C" not null unique,
  region_code      text collate "C" not null,
  address          text,
  unique (gln, extension)
);
create index organization_locations_org_idx on organization_locations (organization_id);

create table licenses (
  id               bigint generated always as identity primary key,
  organization_id  bigint not null references organizations (id),
  kind             text not null check (kind in ('production_license', 'production_filing', 'distribution_license', 'distribution_filing', 'qms_certificate')),
  number           text not null,
  scope_classes    smallint[] not null default '{}',
  scope_categories text[] not null default '{}',
  scope_text       text,
  issuer           text not null,
  valid_from       date not null,
  valid_to         date,
  status           text not null default 'active' check (status in ('active', 'suspended', 'revoked', 'cancelled')),
  created_at       timestamptz not null default now(),
  unique (kind, number),
  check (valid_to is null or valid_to >= valid_from)
);
create index licenses_org_idx on licenses (organization_id);
create index licenses_valid_to_idx on licenses (valid_to);

-- Status changes are facts: the licence row carries the current status, this table the history.
create table license_status_history (
  id          bigint generated always as identity primary key,
  license_id  bigint not null references licenses (id),
  status      text not null,
  reason      text,
  changed_at  timestamptz not null default now(),
  changed_by  bigint
);
create index license_status_history_license_idx on license_status_history (license_id, changed_at);

create table registrations (
  id                     bigint generated always as identity primary key,
  number                 text collate "C" not null unique,
  kind                   text not null check (kind in ('registration', 'filing')),
  holder_organization_id bigint not null references organizations (id),
  management_class       smallint not null check (management_class in (1, 2, 3)),
  category_code          text,
  product_name           text not null,
  issuer                 text not null,
  valid_from             date not null,
  valid_to               date,
  status                 text not null default 'active' check (status in ('active', 'suspended', 'revoked', 'cancelled')),
  created_at             timestamptz not null default now()
);
create index registrations_holder_idx on registrations (holder_organization_id);

create table products (
  id               bigint generated always as identity primary key,
  registration_id  bigint not null references registrations (id),
  name             text not null,
  name_en          text,
  model            text not null,
  specification    text,
  device_kind      text not null,  -- mask, syringe, infusion_pump, glucose_meter, hip_implant, ultrasound, ivd_reagent …
  storage_min_c    numeric(5, 1),
  storage_max_c    numeric(5, 1),
  storage_note     text,
  pi_elements      text[] not null default '{}', -- which PI elements the label carries: lot, serial, production_date, expiry_date
  single_use       boolean not null default false,
  implantable      boolean not null default false,
  sterile          boolean not null default false,
  created_at       timestamptz not null default now(),
  check (storage_min_c is null or storage_max_c is null or storage_min_c <= storage_max_c)
);
create index products_registration_idx on products (registration_id);

create table product_dis (
  di                   text collate "C" primary key,
  product_id           bigint not null references products (id),
  agency               text not null check (agency in ('GS1', 'MA', 'AHM', 'HIBCC', 'ICCBBA')),
  package_level        smallint not null check (package_level >= 0), -- 0 = unit of use / base unit
  package_level_name   text,
  quantity_per_package integer not null default 1 check (quantity_per_package > 0),
  contains_di          text collate "C" references product_dis (di),
  unique (product_id, package_level)
);

create table users (
  id                   bigint generated always as identity primary key,
  username             text collate "C" not null unique,
  display_name         text not null,
  password_hash        text not null,
  role                 text not null check (role in ('regulator', 'enterprise', 'institution', 'agency', 'privacy_officer', 'sysadmin', 'secadmin', 'auditadmin')),
  organization_id      bigint references organizations (id),
  jurisdiction_code    text collate "C",
  regulator_level      text check (regulator_level in ('national', 'province', 'city', 'county')),
  department           text,
  email                text,
  phone                text,
  status               text not null default 'active' check (status in ('active', 'disabled')),
  failed_attempts      integer not null default 0,
  locked_until         timestamptz,
  last_login_at        timestamptz,
  last_login_ip        text,
  password_changed_at  timestamptz not null default now(),
  created_at           timestamptz not null default now(),
  check (role <> 'regulator' or (jurisdiction_code is not null and regulator_level is not null)),
  check (role not in ('enterprise', 'institution', 'agency') or organization_id is not null)
);

-- The cookie carries a random token; only its SHA-256 is stored, so a database leak is not a login.
create table sessions (
  id            text collate "C" primary key,
  user_id       bigint not null references users (id),
  created_at    timestamptz not null default now(),
  last_seen_at  timestamptz not null default now(),
  expires_at    timestamptz not null,
  revoked_at    timestamptz,
  revoked_reason text,
  ip            text,
  user_agent    text
);
create index sessions_user_idx on sessions (user_id) where revoked_at is null;

create table api_tokens (
  id                bigint generated always as identity primary key,
  name              text not null,
  token_hash        text collate "C" not null unique,
  token_prefix      text not null,
  role              text not null check (role in ('regulator', 'enterprise', 'institution')),
  organization_id   bigint references organizations (id),
  jurisdiction_code text collate "C",
  regulator_level   text check (regulator_level in ('national', 'province', 'city', 'county')),
  created_by        bigint not null references users (id),
  created_at        timestamptz not null default now(),
  expires_at        timestamptz,
  revoked_at        timestamptz,
  last_used_at      timestamptz
);

create table security_policy (
  id                      smallint primary key default 1 check (id = 1),
  idle_timeout_minutes    integer not null default 30 check (idle_timeout_minutes between 1 and 1440),
  absolute_timeout_hours  integer not null default 12 check (absolute_timeout_hours between 1 and 168),
  lockout_threshold       integer not null default 5 check (lockout_threshold between 1 and 100),
  lockout_minutes         integer not null default 30 check (lockout_minutes between 1 and 1440),
  password_min_length     integer not null default 8 check (password_min_length between 8 and 128),
  password_min_classes    integer not null default 3 check (password_min_classes between 1 and 4),
  updated_at              timestamptz not null default now(),
  updated_by              bigint
);
insert into security_policy (id) values (1);

-- Append-only audit chain: each entry's HMAC-SM3 covers its content and the previous entry's HMAC.
create table audit_log (
  id           bigint generated always as identity primary key,
  at           timestamptz not null default now(),
  actor_type   text not null check (actor_type in ('user', 'token', 'system', 'anonymous')),
  actor_id     bigint,
  actor_name   text,
  action       text not null,
  object_type  text,
  object_id    text,
  outcome      text not null check (outcome in ('success', 'failure', 'denied')),
  ip           text,
  user_agent   text,
  details      jsonb not null default '{}',
  prev_hmac    text collate "C" not null,
  hmac         text collate "C" not null
);
create index audit_log_at_idx on audit_log (at);
create index audit_log_actor_idx on audit_log (actor_type, actor_id, at);
create index audit_log_object_idx on audit_log (object_type, object_id);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_is_append_only();

create table app_state (
  key         text primary key,
  value       jsonb not null,
  updated_at  timestamptz not null default now()
);
