DELETE FROM edges WHERE dataset_id = $1 AND kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'possibly_same_as')
