-- KubeMin store schema, version 10: the task table loses its (status, lease_until) index. Each of
-- a task's three status changes rewrote that index's entry, as it does those of the two other
-- indexes holding the status: over a 2,000-task backlog on MariaDB, dropping it raised the drain
-- from 4,320 to 5,294 tasks/s and the execs from 7,650 to 8,667 per second (six interleaved
-- pairs). Its one reader, the reaper's search for running tasks whose lease ended, now reads the
-- running tasks through (status, created_at, id): they are as many as the engines' task slots.

ALTER TABLE min_workflow_queue DROP INDEX idx_queue_status_lease;
