-- What GRAS group 3 needs of every firm that the graph does not carry (binary COPY): when it
-- was constituted, where it is registered, its turnover and profit, its activity code. Only
-- firms that state at least one of them. Values not of their type read as absent.
COPY (
    SELECT id,
           CASE WHEN properties->>'FirmConstitutionDate' ~ '^\d{4}-\d{2}-\d{2}$' THEN (properties->>'FirmConstitutionDate')::date END,
           nullif(btrim(properties->>'FirmCountry'), ''),
           CASE WHEN jsonb_typeof(properties->'Turnover') = 'number' THEN (properties->>'Turnover')::float8 END,
           CASE WHEN jsonb_typeof(properties->'Profit') = 'number' THEN (properties->>'Profit')::float8 END,
           nullif(btrim(properties->>'FirmActivityCode'), '')
    FROM nodes
    WHERE kind_code = (SELECT code FROM kinds WHERE domain = 'node' AND name = 'firm')
      AND (properties ? 'FirmConstitutionDate' OR properties ? 'FirmCountry' OR properties ? 'Turnover' OR properties ? 'Profit'
           OR properties ? 'FirmActivityCode')
) TO STDOUT (FORMAT binary)
