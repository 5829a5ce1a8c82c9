-- Every campaign donation: donor, candidate, value and date (the edge's start of validity,
-- else the first day of its Year) (binary COPY), for GRAS 4.1.
COPY (
    SELECT e.id, e.source_id, e.target_id,
           CASE WHEN jsonb_typeof(e.properties->'CampaignDonationValue') = 'number' THEN (e.properties->>'CampaignDonationValue')::float8 END,
           coalesce(e.valid_from,
                    CASE WHEN jsonb_typeof(e.properties->'Year') = 'number' THEN make_date((e.properties->>'Year')::numeric::integer, 1, 1) END)
    FROM edges e
    WHERE e.kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'donated_to')
) TO STDOUT (FORMAT binary)
