-- Law firms before judges (`trama judges firms`, GET /api/v1/judges/firms): every firm whose
-- lawyers were counsel in a case a judge presided, was referred or sat on the panel of, with
-- the cases, the lawyers' appearances, the lawyers, the roles of the parties they acted for
-- (cases per role, as published), the courts and the first and last filing. $1: one judge's
-- node id, or '' for every judge; $2 rows from $3, most cases first, each with the count of all.
WITH bench AS (
    SELECT b.source_id AS judge, b.target_id AS case_id, b.valid_from AS filed
    FROM edges b
    WHERE b.kind_code IN (SELECT code FROM kinds WHERE domain = 'edge' AND name IN ('presides', 'referred', 'panel_member'))
      AND ($1 = '' OR b.source_id = $1::bigint)
),
appearance AS (
    SELECT w.target_id AS firm, bench.judge, c.target_id AS case_id, c.source_id AS lawyer, bench.filed,
           coalesce(nullif(r.role, ''), 'not given') AS role
    FROM edges c
    JOIN bench ON bench.case_id = c.target_id
    JOIN edges w ON w.source_id = c.source_id AND w.kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'works_at')
    LEFT JOIN LATERAL (
        SELECT p.properties->>'Role' AS role
        FROM edges p JOIN nodes pn ON pn.id = p.source_id JOIN kinds pk ON pk.code = pn.kind_code
        WHERE p.kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'party_to') AND p.target_id = c.target_id
          AND pk.name || ':' || pn.key = c.properties->>'for'
        LIMIT 1) r ON true
    WHERE c.kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'counsel_in')
),
pair AS (
    SELECT firm, judge, count(DISTINCT case_id) AS cases, count(DISTINCT (case_id, lawyer)) AS appearances,
           count(DISTINCT lawyer) AS lawyers, min(filed) AS first_filed, max(filed) AS last_filed
    FROM appearance GROUP BY firm, judge
),
role AS (
    SELECT firm, judge, jsonb_agg(jsonb_build_object('role', role, 'cases', n) ORDER BY n DESC, role) AS roles
    FROM (SELECT firm, judge, role, count(DISTINCT case_id) AS n FROM appearance GROUP BY firm, judge, role) x
    GROUP BY firm, judge
),
court AS (
    SELECT a.firm, a.judge, jsonb_agg(DISTINCT 'court:' || cn.key) AS courts
    FROM (SELECT DISTINCT firm, judge, case_id FROM appearance) a
    JOIN edges h ON h.source_id = a.case_id AND h.kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'heard_in')
    JOIN nodes cn ON cn.id = h.target_id
    GROUP BY a.firm, a.judge
)
SELECT 'law_firm:' || f.key, f.name, jk.name || ':' || j.key, j.name, p.cases, p.appearances, p.lawyers,
       p.first_filed::text, p.last_filed::text, r.roles::text, coalesce(c.courts, '[]'::jsonb)::text, count(*) OVER ()
FROM pair p
JOIN nodes f ON f.id = p.firm
JOIN nodes j ON j.id = p.judge JOIN kinds jk ON jk.code = j.kind_code
JOIN role r ON r.firm = p.firm AND r.judge = p.judge
LEFT JOIN court c ON c.firm = p.firm AND c.judge = p.judge
ORDER BY p.cases DESC, p.appearances DESC, f.key, j.key
LIMIT $2::int OFFSET $3::int
