-- Deletes generation $1's packed graph: it could not be read back, and the next load from the
-- rows stores it again.
DELETE FROM graph_topology WHERE generation = $1
