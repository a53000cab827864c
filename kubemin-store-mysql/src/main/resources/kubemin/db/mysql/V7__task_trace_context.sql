-- KubeMin store schema, version 7: the W3C trace context (traceparent) of a task, written with the
-- task when tracing is on, so that the instance that dispatches or resumes it continues its trace.
-- One statement; existing tasks have none (their spans start a new trace at the next dispatch).

ALTER TABLE min_workflow_queue ADD COLUMN trace_context VARCHAR(64) NULL;
