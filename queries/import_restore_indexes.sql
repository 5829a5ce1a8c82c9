-- Builds again the indexes import_defer_indexes dropped ($1: their definitions, a text array),
-- with memory for the sorts; returns how many.
SELECT set_config('maintenance_work_mem', '512MB', true), trama_restore_indexes($1::text[])
