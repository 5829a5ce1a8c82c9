COPY watch_matches (rule_id, match_key, entities, summary, evidence) FROM STDIN
