-- Where a merged entity went: its reference answers with the kept one (HTTP 308).
SELECT kept_kind, kept_key FROM merges WHERE merged_kind = $1 AND merged_key = $2
