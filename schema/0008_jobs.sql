-- Long work asked for over HTTP (imports, scans) as jobs: any server behind the proxy can say
-- how a job is doing, whichever server runs it. The server that accepted a job runs it and
-- keeps `heartbeat_at` fresh (with each progress update, and for its queued jobs on a timer);
-- a job whose heartbeat stops — its server died — is marked failed by the next server that
-- looks (`job_reap_stale`), so that no job stays `running` for ever.
CREATE TABLE jobs (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('import', 'scan')),
    state        text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
    -- What was asked (dataset, format, analysis…), as the API received it.
    parameters   json NOT NULL DEFAULT '{}',
    token_id     integer REFERENCES api_tokens (id),
    -- The server process that runs the job (a random id per process).
    server       text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    heartbeat_at timestamptz NOT NULL DEFAULT now(),
    progress     json,
    result       json,
    problems     json NOT NULL DEFAULT '[]'
);

-- The reaper and the heartbeat look only at unfinished jobs.
CREATE INDEX jobs_unfinished ON jobs (server, heartbeat_at) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_token ON jobs (token_id, id);
