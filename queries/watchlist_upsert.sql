-- Watchlist $2 of token $1, created when it does not exist; returns its id and whether it is new.
WITH made AS (
    INSERT INTO watchlists (owner_id, name) VALUES ($1::int, $2) ON CONFLICT (owner_id, name) DO NOTHING RETURNING id
)
SELECT id, true FROM made
UNION ALL
SELECT id, false FROM watchlists WHERE owner_id = $1::int AND name = $2 AND NOT EXISTS (SELECT 1 FROM made)
