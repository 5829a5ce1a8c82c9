-- Settings for one import transaction (set_config(..., true) = SET LOCAL): a large pending list
-- lets the trigram index absorb many names before merging; memory for the stage joins; and no
-- wait for the WAL flush at commit (a crash may lose the last import, never half of one).
SELECT set_config('gin_pending_list_limit', '262144', true),
       set_config('work_mem', '256MB', true),
       set_config('synchronous_commit', 'off', true)
