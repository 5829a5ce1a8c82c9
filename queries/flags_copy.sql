COPY flags (run_id, subject, indicator, value, standing, evidence) FROM STDIN
