-- After an import: moves what is left of the names it added in the name index's pending list
-- (GIN's fast update, at most import_settings' 16 MB) into the index proper. Until then every
-- name search reads the whole list: 33,000 pending names after repeated imports doubled a
-- common word's search on 1.9 million nodes.
SELECT gin_clean_pending_list('nodes_name_trgm'::regclass)
