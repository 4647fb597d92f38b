-- Lot suspensions and recalls (issue 5; DOMAIN.md "Recalls", China Order No. 29 of 2017): a
-- regulator's "suspend sale and use" (暂停销售使用) or "order a recall" (责令召回), or the registrant's
-- voluntary recall, recorded as a fact about one lot. Lifting is the only change a row ever gets
-- (lifted_at / lifted_by / lift_reason, once); a new measure is a new row.
create table lot_restrictions (
  id                bigint generated always as identity primary key,
  di                text collate "C" not null,
  lot               text collate "C" not null,
  kind              text not null check (kind in ('suspension', 'recall')),
  -- Level I / II / III (notify distributors and users within 1 / 3 / 7 days); none for a suspension.
  recall_level      smallint check (recall_level in (1, 2, 3)),
  reason            text not null check (length(reason) > 0),
  -- Whose lot it is: the registration holder (注册人/备案人, who carries out a recall), else the batch's
  -- manufacturer; null only for a DI registered nowhere on the platform (e.g. a counterfeit code moving).
  registrant_org_id bigint references organizations (id),
  -- True when the registrant started the recall itself (主动召回); false when a regulator ordered it.
  voluntary         boolean not null default false,
  recorded_by_type  text not null check (recorded_by_type in ('user', 'token', 'system')),
  recorded_by       bigint,
  -- The recording office's GB/T 2260 code (000000 national), or the registrant's region for a voluntary recall.
  region_code       text collate "C" not null check (region_code ~ '^\d{6}$'),
  started_at        timestamptz not null,
  lifted_at         timestamptz,
  lifted_by_type    text check (lifted_by_type in ('user', 'token', 'system')),
  lifted_by         bigint,
  lift_reason       text,
  created_at        timestamptz not null default now(),
  check ((kind = 'recall') = (recall_level is not null)),
  check ((lifted_at is null) = (lift_reason is null)),
  check (lifted_at is null or lifted_at >= started_at)
);
-- One open measure of each kind per lot: a second order while one is in force is a conflict, not a duplicate row.
create unique index lot_restrictions_open_uq on lot_restrictions (di, lot, kind) where lifted_at is null;
create index lot_restrictions_lot_idx on lot_restrictions (di, lot);
create index lot_restrictions_registrant_idx on lot_restrictions (registrant_org_id);
