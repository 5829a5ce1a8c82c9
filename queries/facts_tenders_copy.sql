-- Every tender's publication date, estimated price and product code (binary COPY). Who buys
-- it comes from the graph (the `procures` edge), not from a join here.
COPY (
    SELECT id, (properties->>'PublicationDate')::date, (properties->>'EstimatedPrice')::float8, properties->>'ProductCode'
    FROM nodes WHERE kind_code = (SELECT code FROM kinds WHERE domain = 'node' AND name = 'tender')
) TO STDOUT (FORMAT binary)
