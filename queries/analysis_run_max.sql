-- The newest stored analysis run's id (0 when none): the version of the flags a flag-filter rule reads.
SELECT coalesce(max(id), 0) FROM analysis_runs
