-- After a rewrite ($2) of the dataset ($1): an entity it kept (another dataset's relationships
-- still use it) without refreshing it belongs to the new version too.
UPDATE nodes SET import_id = $2::integer WHERE dataset_id = $1::integer AND import_id <> $2::integer
