COPY flags (run_id, subject, indicator, value, evidence) FROM STDIN
