-- Cases: alerts opened for review (issue: early warning). A case has a status (open, in review,
-- closed as founded, unfounded or duplicate), an assignee, notes, the alerts attached, linked
-- investigations, and the history of every change (`case_events`; each change is also in the
-- audit log). Closing a case as unfounded suppresses its alerts on later imports unless their
-- evidence changes (`alert_suppressions`, keyed like the rules' matches, with the evidence's
-- digest).
CREATE TABLE cases (
    id          bigserial PRIMARY KEY,
    title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    owner_id    integer NOT NULL REFERENCES api_tokens (id),
    assignee_id integer REFERENCES api_tokens (id),
    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_review', 'founded', 'unfounded', 'duplicate')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE case_alerts (
    case_id  bigint NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    alert_id bigint NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    PRIMARY KEY (case_id, alert_id)
);

CREATE TABLE case_investigations (
    case_id          bigint NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    investigation_id bigint NOT NULL REFERENCES investigations (id) ON DELETE CASCADE,
    PRIMARY KEY (case_id, investigation_id)
);

CREATE TABLE case_events (
    id       bigserial PRIMARY KEY,
    case_id  bigint NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    actor_id integer REFERENCES api_tokens (id),
    at       timestamptz NOT NULL DEFAULT now(),
    change   text NOT NULL,            -- opened, status, assignee, note, alert, investigation
    detail   text NOT NULL DEFAULT '' CHECK (length(detail) <= 4000)
);

CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TABLE alert_suppressions (
    rule_id   bigint NOT NULL REFERENCES watch_rules (id) ON DELETE CASCADE,
    match_key text NOT NULL,
    digest    text NOT NULL,           -- SHA-256 of the evidence the alert was closed on
    case_id   bigint REFERENCES cases (id) ON DELETE SET NULL,
    PRIMARY KEY (rule_id, match_key)
);

-- The digest of each alert's evidence as the evaluation wrote it (jsonb does not keep the text),
-- which closing its case as unfounded suppresses.
ALTER TABLE alerts ADD COLUMN digest text NOT NULL DEFAULT '';
