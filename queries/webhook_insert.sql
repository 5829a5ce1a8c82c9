-- A webhook of token $1: POSTs to $2, signed with secret $3; returns its id.
INSERT INTO webhooks (owner_id, url, secret) VALUES ($1::int, $2, $3) RETURNING id
