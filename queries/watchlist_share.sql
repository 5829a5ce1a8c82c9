-- Gives token $2 access $3 ('read' or 'edit') to watchlist $1, or — $3 NULL — takes it away.
WITH gone AS (
    DELETE FROM watchlist_shares WHERE watchlist_id = $1::bigint AND token_id = $2::int AND $3::text IS NULL
)
INSERT INTO watchlist_shares (watchlist_id, token_id, access)
SELECT $1::bigint, $2::int, $3 WHERE $3::text IS NOT NULL
ON CONFLICT (watchlist_id, token_id) DO UPDATE SET access = excluded.access
