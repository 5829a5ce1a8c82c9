-- Alerts $1 (ids), as alerts_list reads them.
SELECT a.id, a.rule_id, r.name, a.import_id, a.change, a.match_key, array_to_json(a.entities)::text, a.summary, a.evidence::text,
       to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), count(*) OVER ()
FROM alerts a JOIN watch_rules r ON r.id = a.rule_id
WHERE a.id = ANY($1::bigint[])
ORDER BY a.id DESC
