-- The candidate edge between two entities, either way round.
DELETE FROM edges WHERE kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'possibly_same_as') AND ((source_id = $1 AND target_id = $2) OR (source_id = $2 AND target_id = $1))
