-- Bounds [$1, $2) of the block slice the *_copy_range queries read on this connection.
SELECT set_config('trama.copy_from', $1, false), set_config('trama.copy_to', $2, false)
