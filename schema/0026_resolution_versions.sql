-- Entity resolution's candidates (`possibly_same_as` edges) are part of the graph a path may
-- cross, so they are versioned like every other row (0012_import_history.sql): a scan that
-- replaces them, and a rejection that drops one, is a version of its own ('resolve'), which
-- stamps the candidates it writes and retires those it removes. Before, a scan inserted them
-- with version 0 and deleted the old ones outright, so a graph read as of an earlier version
-- held today's candidates and none that were cleared. Candidates written before this
-- migration keep version 0: they are in every version, like a dataset recorded before the
-- history was kept.
ALTER TABLE imports DROP CONSTRAINT imports_action_check;
ALTER TABLE imports ADD CONSTRAINT imports_action_check CHECK (action IN ('import', 'replace', 'merge', 'recorded', 'resolve'));
