-- Merges the entity references waiting in the audit index's pending list into the index
-- (AuditIndexTidier); the number of list pages freed. Concurrent appends go on adding to the
-- list meanwhile: only the list's head pages are locked, and only to unlink them.
SELECT gin_clean_pending_list('audit_log_entities'::regclass)
