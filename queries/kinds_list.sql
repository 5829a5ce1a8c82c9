-- The kind codes of the store with their names: the graph load maps the codes nodes and
-- edges carry to the engine's own.
SELECT code, domain, name FROM kinds ORDER BY code
