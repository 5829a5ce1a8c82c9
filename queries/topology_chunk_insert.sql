-- One chunk ($3, bytea sent in binary) of generation $1's packed graph, number $2.
INSERT INTO graph_topology_chunks (generation, chunk, data) VALUES ($1, $2, $3)
