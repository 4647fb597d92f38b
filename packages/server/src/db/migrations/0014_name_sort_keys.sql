-- Lists sorted by name come out in pinyin order (安吉 < 杭州 < 宁波). The key is computed in Node
-- (shared/name-sort-key.ts: PGlite has neither GBK conversion nor a zh ICU collation) and compared
-- byte-wise, so both databases sort alike. Nullable because SQL cannot compute it: every write
-- through the repositories sets it, startup fills rows that lack it (db/name-sort-backfill.ts),
-- and the lists sort by coalesce(name_sort, name) meanwhile.
alter table organizations add column name_sort text collate "C";
alter table products add column name_sort text collate "C";
