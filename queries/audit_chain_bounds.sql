-- The rows audit_chain copies next on this connection: those after id $1, at most $2 of them.
SELECT set_config('trama.audit_after', $1, false), set_config('trama.audit_limit', $2, false)
