-- Attaches alert $2 to case $1 when token $3 may read the alert's rule; returns a row when newly attached.
INSERT INTO case_alerts (case_id, alert_id)
SELECT $1::bigint, a.id FROM alerts a JOIN watch_rules r ON r.id = a.rule_id
WHERE a.id = $2::bigint AND (r.owner_id = $3::int OR r.watchlist_id IN (SELECT watchlist_id FROM watchlist_shares WHERE token_id = $3::int))
ON CONFLICT DO NOTHING RETURNING alert_id
