-- How many flags the latest run of each analysis raised on each of the entities $1 (`kind:key`
-- text array): the flag count beside a search's results, read apart from the search itself,
-- which is kept until the graph changes while flags change with every scan.
SELECT f.subject, count(*)
FROM flags f
WHERE f.subject = ANY($1::text[])
  AND f.run_id IN (SELECT max(id) FROM analysis_runs GROUP BY analysis)
GROUP BY f.subject
