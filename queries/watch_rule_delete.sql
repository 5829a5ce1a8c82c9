-- Deletes rule $1 of token $2 (not a watchlist's implicit rule: those go with the list).
DELETE FROM watch_rules WHERE id = $1::bigint AND owner_id = $2::int AND watchlist_id IS NULL RETURNING id
