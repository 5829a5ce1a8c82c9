-- The dataset that owns the candidate edges, created on first use: its id, name and format.
INSERT INTO datasets (name, format, digest) VALUES ('entity-resolution', 'resolve', '')
ON CONFLICT (name) DO UPDATE SET imported_at = now()
RETURNING id, name, format
