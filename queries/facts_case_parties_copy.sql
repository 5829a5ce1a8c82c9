-- Parties and lawyers of every case (binary COPY): one row per party (party, role, NULL) and
-- one per lawyer (the party it acts for when `counsel_in`'s `for` names one, else NULL,
-- then the lawyer). `for` holds the party's kind:key, as the GRAS importer writes it.
COPY (
    SELECT e.target_id, e.source_id, e.properties->>'Role', NULL::bigint
    FROM edges e
    WHERE e.kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'party_to')
    UNION ALL
    SELECT l.target_id, p.source_id, NULL, l.source_id
    FROM edges l
    LEFT JOIN LATERAL (SELECT pe.source_id FROM edges pe JOIN nodes pn ON pn.id = pe.source_id
                       JOIN kinds pk ON pk.code = pn.kind_code
                       WHERE pe.kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'party_to') AND pe.target_id = l.target_id
                         AND pk.name || ':' || pn.key = l.properties->>'for'
                       LIMIT 1) p ON true
    WHERE l.kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'counsel_in')
) TO STDOUT (FORMAT binary)
