-- Results of analyses (collusion scans, later judicial conflicts), kept per run with the
-- parameters that produced them, so that the API, `trama flags` and reports read what was
-- computed instead of recomputing, and a run can be reproduced.
--
-- Results name entities by their `kind:key` reference, not by node id: a re-import renumbers
-- nodes, and a stored result must still say which firm it meant.

CREATE TABLE analysis_runs (
    id          serial PRIMARY KEY,
    analysis    text NOT NULL,                 -- 'collusion'
    started_at  timestamptz NOT NULL DEFAULT now(),
    seconds     double precision,
    period_from date,
    period_to   date,
    parameters  jsonb NOT NULL,
    summary     jsonb NOT NULL DEFAULT '{}'
);

-- One JSON document per result item, in the order the analysis ranked them.
CREATE TABLE analysis_results (
    run_id      integer NOT NULL REFERENCES analysis_runs(id) ON DELETE CASCADE,
    section     text NOT NULL,                 -- 'pairs', 'firms', 'rings', 'tenders', …
    position    integer NOT NULL,
    subject     text,                          -- kind:key of the item's entity, when it has one
    body        json NOT NULL,                 -- json, not jsonb: stored as written, read back whole
    PRIMARY KEY (run_id, section, position)
);

-- Red flags per entity: an indicator (GRAS number or screen name) that fired, its value, and
-- a pointer to its evidence (the result item that explains it).
CREATE TABLE flags (
    run_id      integer NOT NULL REFERENCES analysis_runs(id) ON DELETE CASCADE,
    subject     text NOT NULL,                 -- kind:key
    indicator   text NOT NULL,                 -- '2.1', '2.7.1', 'winner_rotation', …
    value       double precision,
    evidence    jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX flags_subject ON flags (subject);
CREATE INDEX flags_run_indicator ON flags (run_id, indicator);
