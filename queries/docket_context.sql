-- What a docket import resolves against, besides its files: the courts other datasets hold
-- (a row per court, kind 'court') and the FJC and Courts-DB datasets' digests (kind 'dataset'),
-- which the import's digest covers so that dockets imported before the directory resolve
-- their judges when imported again after it. $1 is the docket dataset's own name.
SELECT 'court', n.key
FROM nodes n
WHERE n.kind_code = (SELECT code FROM kinds WHERE domain = 'node' AND name = 'court')
  AND n.dataset_id IS DISTINCT FROM (SELECT id FROM datasets WHERE name = $1)
UNION ALL
SELECT 'dataset', d.format || ':' || d.name || ':' || d.digest
FROM datasets d
WHERE d.format IN ('fjc', 'courts-db')
ORDER BY 1, 2
