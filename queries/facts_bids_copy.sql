-- Every bid with its price, outcome and date, for the collusion screens (binary COPY).
-- A bid's date is its BidDate, else the edge's start of validity.
COPY (
    SELECT e.id, e.source_id, e.target_id,
           (e.properties->>'BidValue')::float8,
           coalesce((e.properties->>'AwardBid')::boolean, false),
           coalesce((e.properties->>'BidDate')::date, e.valid_from)
    FROM edges e
    WHERE e.kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'bid')
) TO STDOUT (FORMAT binary)
