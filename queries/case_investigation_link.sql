-- Links investigation $2 to case $1; returns a row when newly linked.
INSERT INTO case_investigations (case_id, investigation_id) VALUES ($1::bigint, $2::bigint) ON CONFLICT DO NOTHING RETURNING investigation_id
