-- Deletes the packed graphs of generations before $1: the data has moved past them.
DELETE FROM graph_topology WHERE generation < $1
