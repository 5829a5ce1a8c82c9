-- Who investigation $1 is shared with: token id, its name, and the access given.
SELECT s.token_id, t.name, s.access
FROM investigation_shares s JOIN api_tokens t ON t.id = s.token_id
WHERE s.investigation_id = $1::bigint
ORDER BY t.name, s.token_id
