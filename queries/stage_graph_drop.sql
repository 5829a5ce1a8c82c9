-- The import's staging tables, dropped before it commits (stage_graph_create.sql).
DROP TABLE IF EXISTS stage_edges, stage_graph
