-- How many jobs job_list pages through with the same filter ($1 token).
SELECT count(*) FROM jobs WHERE ($1::int IS NULL OR token_id = $1::int)
