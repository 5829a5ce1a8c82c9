DELETE FROM edges WHERE dataset_id = $1 AND kind = 'possibly_same_as'
