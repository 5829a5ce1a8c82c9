-- Every contract's value and date (binary COPY). Its supplier and tender come from the graph
-- (`holds_contract`, `awarded_under`).
COPY (
    SELECT id, (properties->>'ContractValue')::float8, (properties->>'ContractDate')::date
    FROM nodes WHERE kind_code = (SELECT code FROM kinds WHERE domain = 'node' AND name = 'contract')
) TO STDOUT (FORMAT binary)
