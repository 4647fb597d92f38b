-- A stable operator identity for use records (issue 4): the institution's staff number. Matching
-- "was the operator trained?" by name alone confuses two people of the same name (张伟 is common),
-- so a training and a use may carry the operator's id. When both carry one, the ids decide; when
-- either lacks it, the normalised name decides as before (rows recorded before this migration).
alter table operator_trainings add column operator_id text;
alter table clinical_uses add column operator_id text;
create index operator_trainings_operator_id_idx on operator_trainings (organization_id, operator_id) where operator_id is not null;
