-- The watchlist named $2 that token $1 owns or was given to edit ($3 = 'edit') or read.
SELECT w.id, w.owner_id = $1::int OR s.access = 'edit'
FROM watchlists w LEFT JOIN watchlist_shares s ON s.watchlist_id = w.id AND s.token_id = $1::int
WHERE w.name = $2 AND (w.owner_id = $1::int OR s.token_id IS NOT NULL)
ORDER BY w.owner_id = $1::int DESC, w.id
LIMIT 1
