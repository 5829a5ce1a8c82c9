-- How many of the staged entities ($1 of them) are new to the store, when it decides anything:
-- import_defer_indexes.sql drops the indexes of `nodes` for an insert of at least as many rows
-- as the table holds, and a new dataset may name entities the store already has (files
-- imported before under another name, a register whose firms other datasets brought). Such
-- an import inserted none of a 138.9 MB FollowTheMoney file's 184,000 entities, yet dropped
-- and rebuilt every index of `nodes` (2.0–2.4 s for the trigram index alone). Counted (the
-- insert's own anti-join) only when $1 is at least the table's rows and the table is not
-- empty; otherwise $1 as it is.
SELECT CASE WHEN c.reltuples > 0 AND $1::bigint >= c.reltuples THEN (
           SELECT count(*) FROM stage_graph s JOIN kinds k ON k.domain = 'node' AND k.name = s.source_kind
           WHERE NOT s.is_edge
             AND NOT EXISTS (SELECT 1 FROM nodes n WHERE n.kind_code = k.code AND n.key = s.source_key))
       ELSE $1::bigint END
FROM pg_class c WHERE c.oid = 'nodes'::regclass
