-- KubeMin store schema, version 9: the application revision a task deploys, written by the exec's
-- own insert (a second insert per exec batch into min_task_revisions cost the server a third of
-- the execs' throughput). Tasks written before keep their note in min_task_revisions, which is
-- still read when this column is empty. One statement; existing tasks get NULL.

ALTER TABLE min_workflow_queue ADD COLUMN revision INT NULL;
