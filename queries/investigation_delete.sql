-- Deletes investigation $1 with its entities and shares.
DELETE FROM investigations WHERE id = $1::bigint
