-- Every agency's location, for market-allocation screens by region (binary COPY).
COPY (SELECT id, properties->>'AgencyLocation' FROM nodes WHERE kind = 'agency') TO STDOUT (FORMAT binary)
