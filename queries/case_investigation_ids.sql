-- The investigations linked to case $1.
SELECT investigation_id FROM case_investigations WHERE case_id = $1::bigint ORDER BY investigation_id
