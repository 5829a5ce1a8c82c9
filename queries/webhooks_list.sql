-- Token $1's webhooks with their deliveries: id, url, created, delivered, pending, failed (attempts run out).
SELECT w.id, w.url, to_char(w.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       count(d.id) FILTER (WHERE d.delivered_at IS NOT NULL),
       count(d.id) FILTER (WHERE d.delivered_at IS NULL AND d.attempts < $2::int),
       count(d.id) FILTER (WHERE d.delivered_at IS NULL AND d.attempts >= $2::int)
FROM webhooks w LEFT JOIN webhook_deliveries d ON d.webhook_id = w.id
WHERE w.owner_id = $1::int
GROUP BY w.id ORDER BY w.id
