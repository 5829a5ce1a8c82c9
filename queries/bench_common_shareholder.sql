-- The benchmark's SQL twin of GRAS 2.7.1 as `trama collusion scan` computes it: pairs of
-- firms bidding in the same tender that share a shareholder, directly or up to $1 levels of
-- ownership, each `owns` row valid on the bid date; holders tied to more than $2 firms
-- (owning, employing, representing or keeping accounts for them) are super-nodes, neither
-- shared nor climbed through. Returns the number of distinct (tender, firm, firm) pairs.
WITH RECURSIVE
fan AS (
    SELECT source_id AS node, count(*) AS n FROM edges
    WHERE kind_code = ANY (ARRAY(SELECT code FROM kinds WHERE domain = 'edge'
                                AND name IN ('owns', 'employed_by', 'legal_representative_of', 'accountant_of')))
    GROUP BY source_id
),
bidders AS (
    SELECT DISTINCT target_id AS tender, source_id AS firm, coalesce((properties->>'BidDate')::date, valid_from) AS day
    FROM edges WHERE kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'bid')
),
up (tender, firm, day, holder, hops) AS (
    SELECT b.tender, b.firm, b.day, o.source_id, 1
    FROM bidders b
    JOIN edges o ON o.target_id = b.firm AND o.kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'owns')
    JOIN fan f ON f.node = o.source_id AND f.n <= $2
    WHERE (o.valid_from IS NULL OR o.valid_from <= b.day) AND (o.valid_to IS NULL OR o.valid_to >= b.day)
  UNION
    SELECT u.tender, u.firm, u.day, o.source_id, u.hops + 1
    FROM up u
    JOIN edges o ON o.target_id = u.holder AND o.kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'owns')
    JOIN fan f ON f.node = o.source_id AND f.n <= $2
    WHERE u.hops < $1 AND o.source_id <> u.firm
      AND (o.valid_from IS NULL OR o.valid_from <= u.day) AND (o.valid_to IS NULL OR o.valid_to >= u.day)
)
SELECT count(*) FROM (
    SELECT DISTINCT a.tender, a.firm, b.firm
    FROM up a JOIN up b ON a.tender = b.tender AND a.holder = b.holder AND a.firm < b.firm
) pairs
