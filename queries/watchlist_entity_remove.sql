-- Removes entity $2 from watchlist $1; returns a row when it was there.
DELETE FROM watchlist_entities WHERE watchlist_id = $1::bigint AND entity = $2 RETURNING entity
