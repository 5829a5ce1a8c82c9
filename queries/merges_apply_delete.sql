-- Then the merged entity itself goes (its record is in `merges`); a candidate edge it still had
-- to the kept entity, now a self-loop, goes with the node's other left-overs.
DELETE FROM edges WHERE kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'possibly_same_as') AND source_id = target_id;
