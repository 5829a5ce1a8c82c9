-- Every shareholding that states its share: edge id and the share (percent, as text), for the
-- effective shares of shared owners (the engine holds no properties).
SELECT e.id, e.properties->>'Share'
FROM edges e
WHERE e.kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'owns') AND e.properties ? 'Share'
