-- The matches rule $1's latest evaluation stored.
SELECT match_key, array_to_json(entities)::text, summary, evidence::text FROM watch_matches WHERE rule_id = $1::bigint
