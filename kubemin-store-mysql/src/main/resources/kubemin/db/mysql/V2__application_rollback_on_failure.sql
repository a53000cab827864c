-- KubeMin store schema, version 2: the application flag rollback_on_failure (a failed, timed-out
-- or cancelled task deletes what its completed jobs created). One statement, so the script is
-- applied completely or not at all; existing applications keep the old behaviour (false).

ALTER TABLE min_applications ADD COLUMN rollback_on_failure BOOLEAN NOT NULL DEFAULT FALSE;
