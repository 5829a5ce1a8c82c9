-- Candidates for "the same entity" among firms, people and agencies that no identifier joined:
-- the same name once case, accents the locale folds, punctuation, legal forms (S.A., Ltda,
-- GmbH, Inc …) and titles (Dr, Frau, Mr …) are removed. The score starts at 0.5 for the name
-- and rises with what else agrees: the same birth date (+0.3; different known birth dates
-- make it no candidate), the same country (+0.2), a shared address (+0.2). Names carried by
-- more than $3 entities (common names) are not paired. Pairs already decided are skipped.
-- $1 dataset id of the candidates, $2 minimum score, $4 the scan's version
-- (0026_resolution_versions.sql).
WITH named AS (
    SELECT n.id, k.name AS kind, n.key, n.name, n.properties,
           btrim(regexp_replace(regexp_replace(regexp_replace(lower(n.name),
               '[^[:alnum:] ]+', ' ', 'g'),
               '\m(s a|sa|ltda|ltd|limited|inc|gmbh|ag|llc|plc|eireli|me|sas|srl|s r l|de cv|cia|co|corp|kg|bv|nv|oy|ab|frau|herr|dr|mr|mrs|ms|prof)\M', ' ', 'g'),
               ' +', ' ', 'g')) AS norm,
           coalesce(n.properties->>'DateOfBirth', n.properties #>> '{ftm,properties,birthDate,0}') AS born,
           lower(coalesce(n.properties->>'FirmCountry', n.properties #>> '{ftm,properties,country,0}',
                          n.properties #>> '{ocds,address,countryName}')) AS country
    FROM nodes n JOIN kinds k ON k.code = n.kind_code
    WHERE k.domain = 'node' AND k.name IN ('firm', 'person', 'agency') AND n.name IS NOT NULL
),
blocks AS (
    SELECT kind, norm FROM named WHERE norm <> '' GROUP BY kind, norm HAVING count(*) BETWEEN 2 AND $3
),
pairs AS (
    SELECT a.id AS a_id, b.id AS b_id, a.kind, a.key AS key_a, b.key AS key_b,
           0.5
             + CASE WHEN a.born IS NOT NULL AND a.born = b.born THEN 0.3 ELSE 0 END
             + CASE WHEN a.country IS NOT NULL AND a.country = b.country THEN 0.2 ELSE 0 END
             + CASE WHEN EXISTS (
                   SELECT 1 FROM edges ea JOIN edges eb ON ea.target_id = eb.target_id
                   WHERE ea.source_id = a.id AND eb.source_id = b.id
                     AND ea.kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'registered_at')
                     AND eb.kind_code = ea.kind_code)
               THEN 0.2 ELSE 0 END AS score,
           concat_ws('; ', 'same name "' || a.norm || '"',
               CASE WHEN a.born IS NOT NULL AND a.born = b.born THEN 'same birth date ' || a.born END,
               CASE WHEN a.country IS NOT NULL AND a.country = b.country THEN 'same country ' || a.country END) AS reason,
           a.born AS born_a, b.born AS born_b
    FROM blocks k
    JOIN named a ON a.kind = k.kind AND a.norm = k.norm
    JOIN named b ON b.kind = k.kind AND b.norm = k.norm AND a.key < b.key
    WHERE NOT EXISTS (SELECT 1 FROM resolution_decisions d WHERE d.kind = a.kind AND d.key_a = a.key AND d.key_b = b.key)
),
-- The candidates' edge kind, given a code if it has none yet (once: the call is volatile).
candidate AS (SELECT kind_code('edge', 'possibly_same_as') AS code)
INSERT INTO edges (source_id, target_id, kind_code, properties, dataset_id, source, import_id)
SELECT a_id, b_id, candidate.code, jsonb_build_object('score', round(score::numeric, 2), 'reason', reason), $1, 'trama resolve scan', $4::integer
FROM pairs, candidate
WHERE score >= $2 AND NOT (born_a IS NOT NULL AND born_b IS NOT NULL AND born_a <> born_b)
