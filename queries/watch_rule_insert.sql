-- A rule named $1 of token $2: kind $3, definition $4 (JSON), implicit for watchlist $5 when given.
INSERT INTO watch_rules (name, owner_id, kind, definition, watchlist_id) VALUES ($1, $2::int, $3, $4::jsonb, $5::bigint) RETURNING id
