-- Alerts (issue 5 §4, §5): graded alerts raised by compliance rules and statistical signals, routed to
-- the responsible office with a verification deadline, deduplicated while open, escalated when
-- overdue, and delivered (server-sent events from alert_events, e-mail and webhooks per office).
--
-- Routing policy is data: the deadline rules `alert.verify.<grade>` (migration 0003, editable by the
-- system admin) give the amount, the unit and, in `responsible`, the level (city / province / national).
--
-- Scale path (DESIGN.md decision 8): alerts are few (thousands a year per province); alert_events is
-- append-only and distributed by seq; the only uniqueness besides keys is one open alert per dedup key.

create table alerts (
  id                       bigint generated always as identity primary key,
  -- `${source}:${subject type}:${subject key}` unless the producer gives one.
  dedup_key                text collate "C" not null,
  source                   text collate "C" not null,
  grade                    text not null check (grade in ('general', 'major', 'critical')),
  status                   text not null default 'new' check (status in ('new', 'acknowledged', 'verifying', 'confirmed', 'dismissed')),
  subject_type             text not null check (subject_type in ('product', 'lot', 'unit', 'organization', 'report', 'region')),
  subject_key              text collate "C" not null,
  subject_label            text not null,
  subject_di               text collate "C",
  subject_lot              text collate "C",
  subject_serial           text collate "C",
  subject_organization_id  bigint references organizations (id),
  -- Where it happened (GB/T 2260 of the organisation or place concerned): what scoping matches on.
  origin_region_code       text collate "C" not null check (origin_region_code ~ '^[0-9]{6}$'),
  -- The responsible office now: its region code and level (changes on escalation).
  region_code              text collate "C" not null check (region_code ~ '^[0-9]{6}$'),
  level                    text not null check (level in ('city', 'province', 'national')),
  department               text not null check (department in ('ae_monitoring', 'distribution_supervision', 'production_supervision', 'inspection_enforcement')),
  deadline                 timestamptz not null,
  deadline_rule            text not null,
  occurred_at              timestamptz not null,
  occurrences              integer not null default 1,
  last_seen_at             timestamptz not null default now(),
  evidence                 jsonb not null default '{}',
  attribution              jsonb,
  dismiss_reason           text,
  escalation_count         integer not null default 0,
  closed_at                timestamptz,
  created_at               timestamptz not null default now(),
  updated_at               timestamptz not null default now()
);
-- A continuing signal updates its open alert; after it is closed the same key raises a new one.
create unique index alerts_open_dedup_idx on alerts (dedup_key) where status in ('new', 'acknowledged', 'verifying');
create index alerts_origin_region_idx on alerts (origin_region_code, status);
create index alerts_open_deadline_idx on alerts (deadline) where status in ('new', 'acknowledged', 'verifying');

-- What happened to an alert: raised, recurred, actions (who, from → to, comment), escalations.
create table alert_history (
  id           bigint generated always as identity primary key,
  alert_id     bigint not null references alerts (id),
  kind         text not null check (kind in ('raised', 'recurred', 'action', 'escalated')),
  action       text,
  from_status  text,
  to_status    text,
  from_level   text,
  to_level     text,
  comment      text,
  details      jsonb not null default '{}',
  actor_type   text not null check (actor_type in ('user', 'token', 'system')),
  actor_id     bigint,
  actor_name   text,
  at           timestamptz not null default now()
);
create index alert_history_alert_idx on alert_history (alert_id, id);

-- The feed behind server-sent events and outbound delivery: one row per change, a monotonically
-- increasing seq that a reconnecting client names in Last-Event-ID to get what it missed.
create table alert_events (
  seq                 bigint generated always as identity primary key,
  alert_id            bigint not null references alerts (id),
  kind                text not null check (kind in ('created', 'updated', 'status', 'escalated')),
  origin_region_code  text collate "C" not null,
  created_at          timestamptz not null default now()
);
create index alert_events_alert_idx on alert_events (alert_id);

-- In-app inbox: which user has read which alert.
create table alert_reads (
  alert_id  bigint not null references alerts (id),
  user_id   bigint not null references users (id),
  read_at   timestamptz not null default now(),
  primary key (user_id, alert_id)
);

-- Outbound channels per office: an office (jurisdiction code) subscribes an e-mail address or a
-- webhook URL to the alerts in its jurisdiction from a minimum grade, optionally one department.
create table alert_subscriptions (
  id                 bigint generated always as identity primary key,
  jurisdiction_code  text collate "C" not null check (jurisdiction_code ~ '^[0-9]{6}$'),
  channel            text not null check (channel in ('email', 'webhook')),
  target             text not null,
  -- HMAC-SHA256 key of a webhook; never returned by the API, never logged.
  secret             text,
  min_grade          text not null default 'general' check (min_grade in ('general', 'major', 'critical')),
  department         text,
  active             boolean not null default true,
  created_at         timestamptz not null default now(),
  created_by         bigint,
  check (channel <> 'webhook' or secret is not null)
);

-- One delivery per (subscription, alert event); the delivery id is what the receiver deduplicates on.
create table alert_deliveries (
  id               bigint generated always as identity primary key,
  delivery_id      uuid not null default gen_random_uuid() unique,
  subscription_id  bigint not null references alert_subscriptions (id),
  event_seq        bigint not null references alert_events (seq),
  alert_id         bigint not null references alerts (id),
  status           text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts         integer not null default 0,
  next_attempt_at  timestamptz not null default now(),
  last_error       text,
  created_at       timestamptz not null default now(),
  sent_at          timestamptz,
  unique (subscription_id, event_seq)
);
create index alert_deliveries_pending_idx on alert_deliveries (next_attempt_at) where status = 'pending';

-- Where the alert engine has read up to in each input (event_violations id, sensor event id, …).
create table alert_engine_cursors (
  name        text primary key,
  position    bigint not null default 0,
  updated_at  timestamptz not null default now()
);
