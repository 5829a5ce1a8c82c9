-- Records a change to case $1 by token $2: what ($3) and its detail ($4).
INSERT INTO case_events (case_id, actor_id, change, detail) VALUES ($1::bigint, $2::int, $3, $4)
