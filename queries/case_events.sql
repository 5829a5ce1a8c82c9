-- Case $1's history, oldest first: when, who, what, detail.
SELECT to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), t.name, e.change, e.detail
FROM case_events e LEFT JOIN api_tokens t ON t.id = e.actor_id
WHERE e.case_id = $1::bigint ORDER BY e.id
