-- Risk engine (issue 5 §1, §3): indicators as data, and statistical runs with their progress.

create table risk_indicators (
  id               bigint generated always as identity primary key,
  code             text collate "C" not null unique,
  name             text not null,
  name_en          text not null,
  -- {kind: count|rate, numerator, denominator, per}: facts the engine knows how to count.
  metric           jsonb not null,
  grouping         text not null,
  window_unit      text not null check (window_unit in ('days', 'weeks')),
  window_length    integer not null check (window_length between 1 and 520),
  method           text not null check (method in ('threshold', 'poisson_exact', 'cusum')),
  threshold        double precision not null check (threshold > 0),
  min_count        integer not null default 3 check (min_count >= 1),
  grade            text not null check (grade in ('general', 'major', 'critical')),
  department       text not null,
  enabled          boolean not null default true,
  builtin          boolean not null default false,
  version          integer not null default 1,
  created_by_type  text not null check (created_by_type in ('user', 'token', 'system')),
  created_by       bigint,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);

create table risk_runs (
  id                bigint generated always as identity primary key,
  status            text not null check (status in ('running', 'done', 'failed')),
  trigger           text not null check (trigger in ('api', 'schedule', 'demo')),
  requested_by_type text not null check (requested_by_type in ('user', 'token', 'system')),
  requested_by      bigint,
  stage             text not null default 'starting',
  done              integer not null default 0,
  total             integer not null default 0,
  started_at        timestamptz not null default now(),
  finished_at       timestamptz,
  duration_ms       integer,
  signals           integer not null default 0,
  alerts_raised     integer not null default 0,
  alerts_updated    integer not null default 0,
  -- [{indicator, reason, table}]: indicators whose source data do not exist yet.
  skipped           jsonb not null default '[]',
  -- Per-stage counts (signals by source), no subjects: the alerts carry those, scoped.
  summary           jsonb not null default '{}',
  error             text
);
-- One run at a time, across processes: a second start finds the running one.
create unique index risk_runs_one_running_idx on risk_runs ((true)) where status = 'running';
create index risk_runs_started_idx on risk_runs (started_at);

-- The reports behind a signal are looked up by product and window (attribution, evidence); the
-- adverse-event migration indexes them by DI only, which a product with several DIs does not match.
create index adverse_event_reports_product_id_idx on adverse_event_reports (product_id, event_date);
