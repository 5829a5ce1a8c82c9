-- The latest import (graph version) committed, if any.
SELECT max(id) FROM imports WHERE finished_at IS NOT NULL
