-- The store's pseudonym secret (schema/0009_disclosure_salt.sql).
SELECT salt FROM disclosure_salt
