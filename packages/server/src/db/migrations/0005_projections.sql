-- Projections over the EPCIS event store (issue 3, item 5): derived, never facts. Each can be
-- dropped and rebuilt from epcis_events / event_objects (`lianjian rebuild-projections`); capture
-- keeps them current in its own transaction. Error-declared (superseded) events and the
-- declarations themselves are ignored.
--
-- Scale path (DESIGN.md decision 8): object_state, containment and custody_transfers are keyed by
-- object id (the same distribution key as event_objects); lot_holdings by (di, lot).

-- Deriving projections for the events of one capture, and finding aggregation events that empty a
-- container (DELETE without childEPCs), read event_objects by event: 0002 indexes it only by object.
create index event_objects_event_idx on event_objects (event_id) include (role);

-- The current state of every object (serialised unit, SSCC / container, lot-level class), as its
-- *effective* path says: its own events plus its containers' events while it was inside them. So a
-- unit in a carton on a pallet that was shipped is in transit itself, and recall reads one row per
-- unit by primary key.
create table object_state (
  object_id            bigint primary key,
  kind                 text not null,
  di                   text collate "C",
  lot                  text collate "C",
  -- Who holds it: the receiver once received; the shipper while in transit (CBV shipping → receiving).
  holder_org_id        bigint,
  -- bizLocation of the last event that named one (SGLN / Digital Link as sent).
  location             text,
  disposition          text,
  last_biz_step        text,
  last_event_id        bigint,
  last_event_time      timestamptz,
  -- in_stock | in_transit | used | destroyed
  status               text not null default 'in_stock',
  in_transit           boolean not null default false,
  -- While in transit: where it is going.
  destination_org_id   bigint,
  -- The container it is in now (null when loose).
  parent_object_id     bigint
);
create index object_state_lot_idx on object_state (di, lot) where di is not null;
create index object_state_parent_idx on object_state (parent_object_id) where parent_object_id is not null;
create index object_state_holder_idx on object_state (holder_org_id);

-- Containment over time from AggregationEvent ADD / DELETE: child was inside parent from t_from
-- until t_to (null: still inside). Read both ways: a unit's containers, a container's contents.
create table containment (
  child_id         bigint not null,
  parent_id        bigint not null,
  t_from           timestamptz not null,
  t_to             timestamptz,
  add_event_id     bigint not null
);
create index containment_child_idx on containment (child_id, t_from) include (parent_id, t_to);
create index containment_parent_idx on containment (parent_id, t_from) include (child_id, t_to);

-- Custody transfers of serialised objects along their effective path: ship, receive, return.
create table custody_transfers (
  object_id      bigint not null,
  event_id       bigint not null,
  event_time     timestamptz not null,
  kind           text not null check (kind in ('ship', 'receive', 'return')),
  from_org_id    bigint,
  to_org_id      bigint,
  primary key (object_id, event_id)
);

-- Per lot × holder: the exposure denominators later issues use. Serialised units count by their
-- current state (in_stock, in_transit at the shipper, used, destroyed) and their history (received,
-- returned); lot-level quantities (quantityList) add their quantities event by event.
create table lot_holdings (
  di              text collate "C" not null,
  lot             text collate "C" not null,
  holder_org_id   bigint not null,
  received        double precision not null default 0,
  in_stock        double precision not null default 0,
  in_transit      double precision not null default 0,
  used            double precision not null default 0,
  returned        double precision not null default 0,
  destroyed       double precision not null default 0,
  updated_at      timestamptz not null default now(),
  primary key (di, lot, holder_org_id)
);
create index lot_holdings_holder_idx on lot_holdings (holder_org_id);
