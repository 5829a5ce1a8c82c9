-- The entities of watchlists $1 with when each was added (seconds since the epoch).
SELECT watchlist_id, entity, extract(epoch FROM added_at) FROM watchlist_entities WHERE watchlist_id = ANY($1::bigint[])
