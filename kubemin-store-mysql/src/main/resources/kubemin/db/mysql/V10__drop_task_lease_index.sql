-- KubeMin store schema, version 10: the task table loses its (status, lease_until) index. Each of
-- a task's three status changes rewrote that index's entry, as it does those of the two other
-- indexes holding the status, and each exec inserted one (docs/performance.md has the figures).
-- Its one reader, the reaper's search for running tasks whose lease ended, now reads the running
-- tasks through (status, created_at, id): they are no more than the engines' task slots.

ALTER TABLE min_workflow_queue DROP INDEX idx_queue_status_lease;
