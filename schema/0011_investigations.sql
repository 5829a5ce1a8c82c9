-- Investigations: a named, saved set of entities an analyst builds in the explorer (from search
-- and entity pages, one neighbour at a time), with a note and a pin per entity, that its owner
-- may share with other users to read or to edit. Users are API tokens (a session acts for the
-- token it was opened with), as in the audit log.
--
-- Entities are kept as `kind:key` references, like flags and the audit log: they must survive
-- re-imports, which renumber nodes. The relationships among them are read from the graph when
-- the investigation is shown, so they follow the data (and the date asked for).
CREATE TABLE investigations (
    id         bigserial PRIMARY KEY,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    owner_id   integer NOT NULL REFERENCES api_tokens (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX investigations_owner ON investigations (owner_id, id);

CREATE TABLE investigation_entities (
    investigation_id bigint NOT NULL REFERENCES investigations (id) ON DELETE CASCADE,
    entity           text NOT NULL CHECK (position(':' IN entity) > 1),
    -- A pinned entity stays when the unpinned ones are cleared away after an expansion.
    pinned           boolean NOT NULL DEFAULT false,
    note             text NOT NULL DEFAULT '' CHECK (length(note) <= 4000),
    added_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (investigation_id, entity)
);

CREATE TABLE investigation_shares (
    investigation_id bigint NOT NULL REFERENCES investigations (id) ON DELETE CASCADE,
    token_id         integer NOT NULL REFERENCES api_tokens (id),
    access           text NOT NULL CHECK (access IN ('read', 'edit')),
    PRIMARY KEY (investigation_id, token_id)
);

CREATE INDEX investigation_shares_token ON investigation_shares (token_id);
