-- Entity search for the API and the explorer: an exact match on the identifier (the source's
-- key) first, then names containing the text, or a word close to it (word similarity, `<%`:
-- typos), both served by the nodes_name_trgm index; a name containing the text ranks first,
-- shorter names (closer to the text itself) before longer ones, then names by word
-- similarity. Whole-name similarity (`%`) as the filter, and as the score of every match, cost
-- 1.6 s for a common word (14,000 matches) on 1.9 million nodes; this form a tenth of that,
-- and it finds the word inside long names, which is what is searched for. Filtered by kind,
-- dataset and whether the latest run of any analysis flagged the entity. `total` counts every match, not only this page.
-- $1 text, $2 kind or NULL, $3 dataset or NULL, $4 flagged (true/false) or NULL, $5 limit, $6 offset,
-- $7 whether to search names by similarity (not for text without a letter or digit, which has
-- no trigram), $8 whether by containment and word similarity (not for text of fewer than three
-- letters or digits, whose whole name must be similar instead:
-- LIKE gets no trigram from it, and the index would hand every name over to be checked — a
-- search for `%%%` took 8–10 s). LIKE's wildcards in $1 are escaped: `%` and `_` are searched
-- for as written.
WITH hits AS (
    SELECT n.id, n.kind_code, n.key, n.name, n.dataset_id, 'identifier' AS match, 1.0::real AS score, 0 AS length
    FROM nodes n
    -- Every node kind named: the unique (kind_code, key) index answers (schema/0025).
    WHERE n.kind_code = ANY (ARRAY(SELECT code FROM kinds WHERE domain = 'node')) AND n.key = $1
    UNION ALL
    SELECT n.id, n.kind_code, n.key, n.name, n.dataset_id, 'name',
           CASE WHEN c.contains THEN 1.0::real WHEN $8::boolean THEN word_similarity(lower($1), lower(n.name))
                ELSE similarity(lower(n.name), lower($1)) END,
           length(n.name)
    FROM nodes n
    CROSS JOIN LATERAL (SELECT $8::boolean AND lower(n.name) LIKE '%' || replace(replace(replace(lower($1), '\', '\\'), '%', '\%'), '_', '\_') || '%' AS contains) c
    WHERE $7::boolean
      AND ($8::boolean AND (lower(n.name) LIKE '%' || replace(replace(replace(lower($1), '\', '\\'), '%', '\%'), '_', '\_') || '%'
                            OR lower($1) <% lower(n.name))
           -- One or two letters: a word within a name is no evidence; the whole name must be close.
           OR NOT $8::boolean AND lower(n.name) % lower($1))
      AND n.key <> $1
),
latest_flags AS (
    SELECT DISTINCT f.subject FROM flags f WHERE f.run_id IN (SELECT max(id) FROM analysis_runs GROUP BY analysis)
),
-- Kinds and datasets are named only for the page: joined for every match they cost a fifth of
-- a common word's search.
page AS (
    SELECT h.*, count(*) OVER () AS total
    FROM hits h
    WHERE ($2::text IS NULL OR h.kind_code = (SELECT code FROM kinds WHERE domain = 'node' AND name = $2))
      AND ($3::text IS NULL OR h.dataset_id = (SELECT id FROM datasets WHERE name = $3))
      AND ($4::boolean IS NULL OR $4 = EXISTS (
            SELECT 1 FROM latest_flags l JOIN kinds k ON k.code = h.kind_code WHERE l.subject = k.name || ':' || h.key))
    ORDER BY h.score DESC, h.length, h.key, h.kind_code
    LIMIT $5::int OFFSET $6::int
)
SELECT p.id, k.name AS kind, p.key, p.name, d.name AS dataset, p.match, p.score, p.total
FROM page p
JOIN kinds k ON k.code = p.kind_code
JOIN datasets d ON d.id = p.dataset_id
ORDER BY p.score DESC, p.length, p.key, p.kind_code
