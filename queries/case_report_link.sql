-- Links report $2 to case $1; returns a row when newly linked.
INSERT INTO case_reports (case_id, report) VALUES ($1::bigint, $2) ON CONFLICT DO NOTHING RETURNING report
