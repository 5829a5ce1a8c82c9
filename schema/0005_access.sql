-- Access for the HTTP API: bearer tokens with a role, and an append-only audit log of what was
-- asked, chained by hashes so that an edited or deleted row shows.

-- A token's secret is shown once, when it is created, and never stored: only its SHA-256 (hex)
-- is, so a copy of the database does not hand out working tokens. A secret has 256 random
-- bits, so an unsalted fast hash is enough (no dictionary to guess from), and it lets a
-- request find its token by an index lookup on the hash. Tokens are revoked, never deleted,
-- so that the audit log's token ids keep meaning something.
CREATE TABLE api_tokens (
    id           serial PRIMARY KEY,
    name         text NOT NULL DEFAULT '',
    -- viewer < analyst < admin; the API decides what each may do.
    role         text NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
    secret_hash  text NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    -- Updated at most once a minute per token, so that authenticating is not a write per request.
    last_used_at timestamptz
);

-- Who asked what, when, and about which entities. `entities` holds only `kind:key` references,
-- never names or other personal fields: the log must not become a second copy of the data.
-- Each row's `hash` is SHA-256 (hex) of the previous row's hash followed by a canonical
-- serialisation of the row (id, `at` in UTC to the microsecond, token id, endpoint, entities,
-- status), and `prev_hash` repeats the previous row's hash (NULL for the first row): editing a
-- row breaks its own hash, deleting one breaks the next row's link. Rows are appended under an
-- advisory lock so that concurrent writers form one chain; ids come from the sequence before
-- hashing, so gaps (a rolled-back append) are possible and are not by themselves tampering.
CREATE TABLE audit_log (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL,
    token_id  integer REFERENCES api_tokens (id),
    endpoint  text NOT NULL,
    entities  text[] NOT NULL DEFAULT '{}',
    status    integer NOT NULL,
    prev_hash text,
    hash      text NOT NULL
);

-- `trama audit list --token` and `--entity`.
CREATE INDEX audit_log_token ON audit_log (token_id, id);
CREATE INDEX audit_log_entities ON audit_log USING gin (entities);
