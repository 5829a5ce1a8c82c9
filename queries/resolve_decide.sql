INSERT INTO resolution_decisions (kind, key_a, key_b, decision) VALUES ($1, least($2, $3), greatest($2, $3), $4)
ON CONFLICT (kind, key_a, key_b) DO UPDATE SET decision = EXCLUDED.decision, decided_at = now()
