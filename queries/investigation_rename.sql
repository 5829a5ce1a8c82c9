-- Renames investigation $1 to $2.
UPDATE investigations SET name = $2, updated_at = now() WHERE id = $1::bigint
