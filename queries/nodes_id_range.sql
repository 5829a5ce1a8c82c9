-- Smallest and largest node id, to cut the parallel graph load into slices.
SELECT min(id), max(id) FROM nodes
