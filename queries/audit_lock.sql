-- Serialises appends to the audit log for the rest of the transaction, so that two writers
-- never chain onto the same last row. 727173: distinct from the migrator's lock (727172).
SELECT pg_advisory_xact_lock(727173)
