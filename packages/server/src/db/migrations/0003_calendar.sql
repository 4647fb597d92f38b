-- Working-day calendar and deadline rules as data (DESIGN.md decision 6, issue 4).
-- calendar_overrides holds the days that differ from the Monday–Friday week: public holidays on
-- weekdays and adjusted working days (调休上班) on weekends. Rows come from the packaged holiday
-- data (source = the package and version, e.g. 'chinese-days@1.5.7') and are refreshed from it at
-- start; a row the system admin has written (source = 'admin') is never touched by that refresh.

create table calendar_overrides (
  date        date primary key,
  kind        text not null check (kind in ('holiday', 'workday')),
  name        text,
  source      text not null,
  updated_at  timestamptz not null default now(),
  updated_by  bigint references users (id)
);

-- One row per clock (adverse-event periods, alert verification, …). Rows are seeded from the
-- packaged defaults; `configurable` rows may be edited by the system admin (updated_by set), and
-- an edited row is never refreshed from the defaults again. "from" names the record field that
-- starts the clock.
create table deadline_rules (
  code                  text collate "C" primary key,
  amount                integer not null check (amount > 0 and amount <= 10000),
  unit                  text not null check (unit in ('hours', 'calendar_days', 'working_days')),
  "from"                text not null,
  responsible           text,
  configurable          boolean not null default false,
  extend_past_holidays  boolean not null default false,
  basis                 text,
  updated_at            timestamptz not null default now(),
  updated_by            bigint references users (id),
  check (not extend_past_holidays or unit = 'calendar_days')
);
