-- A new investigation named $1, owned by token $2; returns its id.
INSERT INTO investigations (name, owner_id) VALUES ($1, $2::int) RETURNING id
