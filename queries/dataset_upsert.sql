INSERT INTO datasets (name, format, digest, files, imported_at)
VALUES ($1, $2, $3, $4::jsonb, now())
ON CONFLICT (name) DO UPDATE
    SET format = EXCLUDED.format, digest = EXCLUDED.digest, files = EXCLUDED.files, imported_at = now(),
        node_count = 0, edge_count = 0, rejected_count = 0
RETURNING id
