-- Forgets rule $1's matches (before the new evaluation's are copied in).
DELETE FROM watch_matches WHERE rule_id = $1::bigint
