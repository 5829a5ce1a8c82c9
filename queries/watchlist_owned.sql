-- Token $1's own watchlist named $2.
SELECT id FROM watchlists WHERE owner_id = $1::int AND name = $2
