-- Deletes webhook $1 of token $2.
DELETE FROM webhooks WHERE id = $1::bigint AND owner_id = $2::int RETURNING id
