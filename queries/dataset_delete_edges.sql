DELETE FROM edges WHERE dataset_id = $1
