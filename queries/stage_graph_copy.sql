COPY stage_graph (is_edge, kind, source_kind, source_key, target_kind, target_key, name, valid_from, valid_to, properties, source)
FROM STDIN
