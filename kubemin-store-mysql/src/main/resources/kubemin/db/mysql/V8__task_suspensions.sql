-- KubeMin store schema, version 8: approval gates. A task that reaches a suspend step gets status
-- 'suspended' (min_workflow_queue.status is wide enough, its deadline column holds the step's
-- timeout) and one row here per suspend step it reached: the message, the steps completed before
-- it (not run again after the resume) and who resumed it. The table is new, so existing rows are
-- untouched. Every statement is idempotent.

CREATE TABLE IF NOT EXISTS min_task_suspensions (
  task_id      VARCHAR(64)  NOT NULL,
  step_name    VARCHAR(255) NOT NULL,
  app_id       VARCHAR(64)  NOT NULL,
  message      TEXT         NULL,
  attempt      INT          NOT NULL,
  suspended_at DATETIME(3)  NOT NULL,
  deadline     DATETIME(3)  NULL,
  steps_done   TEXT         NOT NULL,
  resumed_by   VARCHAR(255) NULL,
  resumed_at   DATETIME(3)  NULL,
  PRIMARY KEY (task_id, step_name),
  INDEX idx_task_suspensions_app (app_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
