-- The trace shows the adverse-event reports about the traced unit (DI + serial) or its lot (DI + lot)
-- (issue 3). (product_di, lot) is indexed since 0004; this is the unit's side, so the OR of the two
-- is two index probes instead of a walk through every report of the DI.
create index adverse_event_reports_serial_idx on adverse_event_reports (product_di, serial) where serial is not null;
