-- Rule $1 was evaluated on generation $2 (import $3).
INSERT INTO watch_evaluations (rule_id, generation, import_id, at) VALUES ($1::bigint, $2::bigint, $3::int, now())
ON CONFLICT (rule_id) DO UPDATE SET generation = EXCLUDED.generation, import_id = EXCLUDED.import_id, at = EXCLUDED.at
