-- No index on `nodes.key` alone. The two look-ups of a key whatever its kind (nodes_by_key,
-- search_entities' identifier match) now name every node kind (`kind_code = ANY (…)`) and
-- descend the unique (kind_code, key) index once per kind: 0.075 ms against 0.067 ms for a
-- key on 900,000 nodes. What the index cost: maintaining it was 0.9-1.1 s of the 6.6-6.8 s it
-- took to insert 278,713 new nodes into a store holding 621,455 (every index in place),
-- building it 4.0 s of a 1,000,000-firm import, and 35 MB of every 900,000 nodes.
DROP INDEX nodes_key;
