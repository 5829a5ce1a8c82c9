-- A supplier's profile reads every document the latest runs stored about one entity: find
-- them by subject without scanning every run's results.
CREATE INDEX analysis_results_subject ON analysis_results (subject, run_id);
