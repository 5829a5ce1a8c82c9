-- Statistics for `nodes` and `kinds` inside the import's transaction, after an import that at
-- least doubled `nodes` stored its entities and before its relationships look their endpoints
-- up. Into an empty store `nodes` had none: the planner took the join of a 1,000,000-firm
-- world's 12,138,928 staged edges with its 6,213,111 nodes for one row, sorted 1.4 GB on disk
-- and hashed the wrong side, and the edges' insert took 126.2 s; with the statistics, hash
-- joins in memory, 64.9 s (bench/national's import, auto_explain). How well the guess fell
-- had varied from run to run: the relationships took 80-84 s in some runs, 138-141 s in
-- others. ANALYZE samples a fixed number of rows, whatever the table's size, and sees the rows
-- this transaction inserted.
ANALYZE nodes, kinds
