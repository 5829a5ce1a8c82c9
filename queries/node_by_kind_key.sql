-- $1 is a smallint[] of kind codes (the store maps names to codes in memory).
-- plan: generic
SELECT id, kind_code, key, name FROM nodes WHERE kind_code = ANY ($1::smallint[]) AND key = $2
