-- Every kind name an import's nodes ($1) and edges ($2) use gets a code before its rows are
-- stored: new names are added to `kinds`, known ones keep theirs. The importer collects the
-- names as it stages the rows; reading them back with DISTINCT over the staged rows took 5.5 s
-- for a 1,000,000-firm world's 18 million. An edge's endpoints need no interning: an endpoint
-- is a stored node, and one that is not fails the import anyway (insert_edges_from_stage's count).
SELECT intern_kinds('node', $1::text[]), intern_kinds('edge', $2::text[])
