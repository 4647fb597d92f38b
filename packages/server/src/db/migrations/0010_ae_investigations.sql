-- The registrant's investigation of an adverse event (issue 4 §4; DOMAIN.md "Adverse events"):
-- findings and IMDRF Annex C (investigation findings) / Annex D (conclusion) codes, root cause,
-- corrective actions, in progress or final. Filings are append-only facts: a later filing (e.g.
-- the final one after an interim) is a new row; the latest one is the current state.

create table adverse_event_investigations (
  id                        bigint generated always as identity primary key,
  -- Always the case's initial report: a filing made against a follow-up is stored against its initial.
  report_id                 bigint not null references adverse_event_reports (id),
  registrant_organization_id bigint not null references organizations (id),
  status                    text not null check (status in ('in_progress', 'final')),
  findings                  text not null,
  finding_codes             text[] not null default '{}',
  conclusion_codes          text[] not null default '{}',
  root_cause                text not null,
  corrective_actions        text,
  filed_at                  timestamptz not null,
  -- The due date the filing was measured against (copied from adverse_event_investigation_dues).
  due_at                    timestamptz,
  late                      boolean not null default false,
  late_by_hours             integer not null default 0 check (late_by_hours >= 0),
  created_by_type           text not null check (created_by_type in ('user', 'token', 'system')),
  created_by                bigint,
  created_at                timestamptz not null default now(),
  check (status <> 'final' or cardinality(conclusion_codes) > 0)
);
create index adverse_event_investigations_report_idx on adverse_event_investigations (report_id, id);
create index adverse_event_investigations_registrant_idx on adverse_event_investigations (registrant_organization_id);

-- When the registrant's investigation of an initial report is due, set when the report is filed
-- (the rule and the calendar of that moment, like the report's own clock).
create table adverse_event_investigation_dues (
  report_id   bigint primary key references adverse_event_reports (id),
  due_at      timestamptz not null,
  rule        text collate "C" not null
);
create index adverse_event_investigation_dues_due_idx on adverse_event_investigation_dues (due_at);

-- The registrant's investigation of an individual serious event: the regulation fixes 7 days for a
-- cluster event only (ae.cluster.registrant_investigation); for the others the platform sets a
-- working-day period an administrator may change.
insert into deadline_rules (code, amount, unit, "from", responsible, configurable, extend_past_holidays, basis)
values ('ae.registrant_investigation', 20, 'working_days', 'date_known', 'registrant', true, false, '链监平台配置项：持有人对死亡、严重伤害及境外事件的调查报告时限（可调整）')
on conflict (code) do nothing;
