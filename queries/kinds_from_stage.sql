-- Every kind name the staged import's nodes and edges use gets a code before its rows are
-- stored: new names are added to `kinds`, known ones keep theirs. An edge's endpoints need no
-- interning: an endpoint is a stored node, and one that is not fails the import anyway
-- (insert_edges_from_stage's count).
SELECT intern_kinds('node', ARRAY(SELECT DISTINCT source_kind FROM stage_graph WHERE NOT is_edge)),
       intern_kinds('edge', ARRAY(SELECT DISTINCT kind FROM stage_graph WHERE is_edge))
