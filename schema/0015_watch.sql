-- Early warning: watchlists, rules evaluated on every new graph, and the alerts they raise.
--
-- A watchlist is a named set of entities (`kind:key`, as investigations keep them: references
-- survive re-imports, node ids do not) owned by a user (an API token) and shareable like an
-- investigation. A rule is a saved question; each evaluation stores the rule's matches on the
-- graph it ran on (`watch_matches`, keyed by a stable text key), and what is new or gone since
-- the previous evaluation becomes an alert naming the import that caused it.
CREATE TABLE watchlists (
    id         bigserial PRIMARY KEY,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    owner_id   integer NOT NULL REFERENCES api_tokens (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (owner_id, name)
);

CREATE TABLE watchlist_entities (
    watchlist_id bigint NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
    entity       text NOT NULL CHECK (position(':' IN entity) > 1),
    added_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (watchlist_id, entity)
);

CREATE TABLE watchlist_shares (
    watchlist_id bigint NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
    token_id     integer NOT NULL REFERENCES api_tokens (id),
    access       text NOT NULL CHECK (access IN ('read', 'edit')),
    PRIMARY KEY (watchlist_id, token_id)
);

-- kind: flag_filter | connection | control | activity; definition: the rule's parameters
-- (WatchRule.Definition). A watchlist's implicit rules (control and activity on its entities,
-- created when the list is) carry its id in `watchlist_id` and go with it.
CREATE TABLE watch_rules (
    id           bigserial PRIMARY KEY,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    owner_id     integer NOT NULL REFERENCES api_tokens (id),
    kind         text NOT NULL CHECK (kind IN ('flag_filter', 'connection', 'control', 'activity')),
    definition   jsonb NOT NULL,
    watchlist_id bigint REFERENCES watchlists (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX watch_rules_owner ON watch_rules (owner_id, id);

-- The matches of a rule's latest evaluation: what the next one is diffed against.
CREATE TABLE watch_matches (
    rule_id   bigint NOT NULL REFERENCES watch_rules (id) ON DELETE CASCADE,
    match_key text NOT NULL,
    entities  text[] NOT NULL,
    summary   text NOT NULL,
    evidence  jsonb NOT NULL,
    PRIMARY KEY (rule_id, match_key)
);

-- Which graph each rule was last evaluated on (its data generation), so that an evaluation is
-- made once per new graph however many processes notice it; NULL: never (the first evaluation
-- records matches as they stand without alerting: a rule starts quiet).
CREATE TABLE watch_evaluations (
    rule_id    bigint PRIMARY KEY REFERENCES watch_rules (id) ON DELETE CASCADE,
    generation bigint NOT NULL,
    import_id  integer,
    at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE alerts (
    id         bigserial PRIMARY KEY,
    rule_id    bigint NOT NULL REFERENCES watch_rules (id) ON DELETE CASCADE,
    import_id  integer,                -- the import whose graph raised it (imports.id)
    change     text NOT NULL CHECK (change IN ('new', 'gone')),
    match_key  text NOT NULL,
    entities   text[] NOT NULL,
    summary    text NOT NULL,
    evidence   jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX alerts_rule ON alerts (rule_id, id);
