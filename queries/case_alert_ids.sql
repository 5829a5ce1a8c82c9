-- The alerts attached to case $1.
SELECT alert_id FROM case_alerts WHERE case_id = $1::bigint ORDER BY alert_id
