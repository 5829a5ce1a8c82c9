-- The current data generation (see schema/0006_data_generation.sql).
SELECT generation FROM data_generation
