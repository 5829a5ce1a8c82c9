-- Delivery $1 was attempted: delivered when $2 is true, else tried again in $3 seconds; the
-- receiver's status $4 or the error $5.
UPDATE webhook_deliveries
SET attempts = attempts + 1,
    delivered_at = CASE WHEN $2::boolean THEN now() END,
    next_attempt_at = now() + make_interval(secs => $3::double precision),
    last_status = $4::int, last_error = $5
WHERE id = $1::bigint
