-- Suppresses the matches of case $1's alerts while their evidence is what it was (the case was
-- closed as unfounded).
INSERT INTO alert_suppressions (rule_id, match_key, digest, case_id)
SELECT a.rule_id, a.match_key, a.digest, $1::bigint FROM case_alerts c JOIN alerts a ON a.id = c.alert_id
WHERE c.case_id = $1::bigint AND a.change = 'new'
ON CONFLICT (rule_id, match_key) DO UPDATE SET digest = EXCLUDED.digest, case_id = EXCLUDED.case_id
