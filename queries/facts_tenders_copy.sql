-- Every tender's publication date, estimated price, product code, procurement method and bid
-- deadline (binary COPY). Who buys it comes from the graph (the `procures` edge), not from a
-- join here. Dates that are not dates (a source's own strings) read as absent.
COPY (
    SELECT id,
           CASE WHEN properties->>'PublicationDate' ~ '^\d{4}-\d{2}-\d{2}$' THEN (properties->>'PublicationDate')::date END,
           (properties->>'EstimatedPrice')::float8, properties->>'ProductCode', properties->>'ProcurementMethod',
           CASE WHEN properties->>'BidDeadline' ~ '^\d{4}-\d{2}-\d{2}$' THEN (properties->>'BidDeadline')::date END
    FROM nodes WHERE kind_code = (SELECT code FROM kinds WHERE domain = 'node' AND name = 'tender')
) TO STDOUT (FORMAT binary)
