-- Settings for one import transaction (set_config(..., true) = SET LOCAL): a large pending list
-- lets the trigram index absorb many names before merging; memory for the stage joins; no
-- wait for the WAL flush at commit (a crash may lose the last import, never half of one); and
-- lz4 for the long JSON properties (sources kept whole) where the server has it: pglz
-- compression was the server's largest cost in an OCDS import.
SELECT set_config('gin_pending_list_limit', '262144', true),
       set_config('work_mem', '256MB', true),
       set_config('synchronous_commit', 'off', true),
       set_config('default_toast_compression',
                  CASE WHEN EXISTS (SELECT 1 FROM pg_settings
                                    WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals))
                       THEN 'lz4' ELSE 'pglz' END, true)
