-- The country each shareholding states for its holder (binary COPY), for GRAS 3.9.2: a
-- shareholder registered in a tax haven. Only shareholdings that state one.
COPY (
    SELECT id, btrim(properties->>'ShareholderCountry')
    FROM edges
    WHERE kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'owns')
      AND nullif(btrim(properties->>'ShareholderCountry'), '') IS NOT NULL
) TO STDOUT (FORMAT binary)
