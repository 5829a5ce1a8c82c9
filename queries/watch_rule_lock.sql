-- Holds rule $1's evaluation lock until the transaction ends (one evaluator per rule at a time).
SELECT pg_advisory_xact_lock(2115, $1::int)
