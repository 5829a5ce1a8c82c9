-- The watchlists token $1 owns or was given, with their owner's name, the access given, and
-- their entities (ordered).
SELECT w.id, w.name, t.name, CASE WHEN w.owner_id = $1::int THEN 'owner' ELSE s.access END,
       array_to_json(coalesce((SELECT array_agg(e.entity ORDER BY e.entity) FROM watchlist_entities e WHERE e.watchlist_id = w.id), '{}'))::text
FROM watchlists w
JOIN api_tokens t ON t.id = w.owner_id
LEFT JOIN watchlist_shares s ON s.watchlist_id = w.id AND s.token_id = $1::int
WHERE w.owner_id = $1::int OR s.token_id IS NOT NULL
ORDER BY w.owner_id <> $1::int, w.name
