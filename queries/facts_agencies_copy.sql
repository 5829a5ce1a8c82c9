-- Every agency's location, for market-allocation screens by region (binary COPY).
COPY (SELECT id, properties->>'AgencyLocation' FROM nodes WHERE kind_code = (SELECT code FROM kinds WHERE domain = 'node' AND name = 'agency')) TO STDOUT (FORMAT binary)
