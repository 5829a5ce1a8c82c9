-- The reports linked to case $1, in the order they were linked.
SELECT report FROM case_reports WHERE case_id = $1::bigint ORDER BY added_at, report
