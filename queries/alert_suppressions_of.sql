-- Rule $1's suppressed matches and the digest of the evidence each was closed on.
SELECT match_key, digest FROM alert_suppressions WHERE rule_id = $1::bigint
