-- Evidence reports linked to a case: what a reader needs to find or rebuild the report — its
-- reproducing command (`trama evidence … --as-of N --reproducible`), its MANIFEST digest or
-- where it was filed.
CREATE TABLE case_reports (
    case_id  bigint NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    report   text NOT NULL CHECK (length(report) BETWEEN 1 AND 1000),
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, report)
);
