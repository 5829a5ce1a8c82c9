COPY alerts (rule_id, import_id, change, match_key, entities, summary, evidence, digest) FROM STDIN
