-- A new case titled $1, owned by token $2; returns its id.
INSERT INTO cases (title, owner_id) VALUES ($1, $2::int) RETURNING id
