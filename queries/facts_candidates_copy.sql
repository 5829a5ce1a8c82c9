-- Every candidate: elected or not, where and when (binary COPY), for GRAS 4.1's contracts won
-- from the bodies of the politicians a firm's people paid for. Values that are not of their
-- JSON type (a source's own strings) read as absent.
COPY (
    SELECT id,
           coalesce(properties->'Elected' = 'true'::jsonb, false),
           properties->>'ElectionJurisdiction',
           CASE WHEN jsonb_typeof(properties->'Year') = 'number' THEN (properties->>'Year')::numeric::bigint END
    FROM nodes WHERE kind_code = (SELECT code FROM kinds WHERE domain = 'node' AND name = 'candidate')
) TO STDOUT (FORMAT binary)
