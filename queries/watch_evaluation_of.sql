-- The generation rule $1 was last evaluated on.
SELECT generation FROM watch_evaluations WHERE rule_id = $1::bigint
