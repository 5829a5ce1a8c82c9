-- Alerts of the rules token $1 may read (all when NULL), after import $2 when given, of rule $3
-- when given, newest first, $4 from $5, with the count of all.
SELECT a.id, a.rule_id, r.name, a.import_id, a.change, a.match_key, array_to_json(a.entities)::text, a.summary, a.evidence::text,
       to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), count(*) OVER ()
FROM alerts a JOIN watch_rules r ON r.id = a.rule_id
WHERE ($1::int IS NULL OR r.owner_id = $1::int OR r.watchlist_id IN (SELECT watchlist_id FROM watchlist_shares WHERE token_id = $1::int))
  AND ($2::int IS NULL OR a.import_id > $2::int)
  AND ($3::bigint IS NULL OR a.rule_id = $3::bigint)
ORDER BY a.id DESC
LIMIT $4::int OFFSET $5::int
