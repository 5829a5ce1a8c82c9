-- Adds entity $2 to watchlist $1; returns a row when it was not there yet.
INSERT INTO watchlist_entities (watchlist_id, entity) VALUES ($1::bigint, $2) ON CONFLICT DO NOTHING RETURNING entity
