-- Settings for one import transaction (set_config(..., true) = SET LOCAL): a pending list of
-- 16 MB lets the trigram index take names in batches; memory for the stage joins; no
-- wait for the WAL flush at commit (a crash may lose the last import, never half of one); and
-- lz4 for the long JSON properties (sources kept whole) where the server has it: pglz
-- compression was the server's largest cost in an OCDS import.
--
-- The pending list: 278,713 new names into an index of 621,455, then the merge of what was
-- left (timed alone), took 3.3-3.4 s with 16 MB, 3.6-3.8 s with the default 4 MB, and 3.4-3.6 s
-- with 256 MB, which grew the index from 27 to 180 MB: a pending list's pages go back to the
-- index only as free space, so the index keeps the largest list it ever held (16 MB: 58 MB;
-- 4 MB: 47 MB).
SELECT set_config('gin_pending_list_limit', '16384', true),
       set_config('work_mem', '256MB', true),
       set_config('synchronous_commit', 'off', true),
       set_config('default_toast_compression',
                  CASE WHEN EXISTS (SELECT 1 FROM pg_settings
                                    WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals))
                       THEN 'lz4' ELSE 'pglz' END, true)
