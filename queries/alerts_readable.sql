-- Which of alerts $1 (ids) token $2 may read: raised by its rules or those of a watchlist shared with it.
SELECT a.id FROM alerts a JOIN watch_rules r ON r.id = a.rule_id
WHERE a.id = ANY($1::bigint[]) AND (r.owner_id = $2::int OR r.watchlist_id IN (SELECT watchlist_id FROM watchlist_shares WHERE token_id = $2::int))
