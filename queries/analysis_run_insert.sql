INSERT INTO analysis_runs (analysis, seconds, period_from, period_to, parameters, summary)
VALUES ($1, $2::float8, $3::date, $4::date, $5::jsonb, $6::jsonb)
RETURNING id
