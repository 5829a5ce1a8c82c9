-- Every rule, or those of token $1 and of the watchlists shared with it: id, name, owner's
-- name, kind, definition, implicit watchlist, the generation and import last evaluated on, and
-- when.
SELECT r.id, r.name, t.name, r.kind, r.definition::text, r.watchlist_id, v.generation, v.import_id, to_char(v.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       extract(epoch FROM v.at)
FROM watch_rules r
JOIN api_tokens t ON t.id = r.owner_id
LEFT JOIN watch_evaluations v ON v.rule_id = r.id
WHERE $1::int IS NULL OR r.owner_id = $1::int
   OR r.watchlist_id IN (SELECT watchlist_id FROM watchlist_shares WHERE token_id = $1::int)
ORDER BY r.id
