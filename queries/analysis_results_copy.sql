COPY analysis_results (run_id, section, position, subject, body) FROM STDIN
