-- Requests to see a patient's identity: an investigator asks inside the platform, a privacy officer
-- approves (the grant is made to the requester and linked here) or declines with a reason, and the
-- requester may withdraw while it waits. Nothing is deleted; the status moves once.
create table patient_identity_requests (
  id                 bigint generated always as identity primary key,
  patient_key        text collate "C" not null,
  requester_user_id  bigint not null references users (id),
  purpose            text not null,
  status             text not null default 'pending' check (status in ('pending', 'approved', 'declined', 'withdrawn')),
  created_at         timestamptz not null default now(),
  decided_by         bigint references users (id),
  decided_at         timestamptz,
  decision_reason    text,
  grant_id           bigint references patient_identity_grants (id),
  check ((status = 'pending') = (decided_at is null)),
  check ((status = 'approved') = (grant_id is not null))
);
-- One waiting request per person and patient: a second (or a concurrent retry) is refused, not queued twice.
create unique index patient_identity_requests_pending_idx on patient_identity_requests (patient_key, requester_user_id) where status = 'pending';
create index patient_identity_requests_status_idx on patient_identity_requests (status, created_at);
create index patient_identity_requests_requester_idx on patient_identity_requests (requester_user_id, created_at);
