-- Every contract's value and date, its amendments' value and its planned and actual delivery
-- (binary COPY). Its supplier and tender come from the graph (`holds_contract`,
-- `awarded_under`). Dates and numbers not of their type read as absent.
COPY (
    SELECT id, (properties->>'ContractValue')::float8,
           CASE WHEN properties->>'ContractDate' ~ '^\d{4}-\d{2}-\d{2}$' THEN (properties->>'ContractDate')::date END,
           CASE WHEN jsonb_typeof(properties->'ContractAmendValue') = 'number' THEN (properties->>'ContractAmendValue')::float8 END,
           CASE WHEN properties->>'DeliveryDate' ~ '^\d{4}-\d{2}-\d{2}$' THEN (properties->>'DeliveryDate')::date END,
           CASE WHEN properties->>'ImplementationDate' ~ '^\d{4}-\d{2}-\d{2}$' THEN (properties->>'ImplementationDate')::date END
    FROM nodes WHERE kind_code = (SELECT code FROM kinds WHERE domain = 'node' AND name = 'contract')
) TO STDOUT (FORMAT binary)
