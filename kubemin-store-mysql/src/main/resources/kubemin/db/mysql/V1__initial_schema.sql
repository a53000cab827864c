-- KubeMin store schema, version 1. Runs unchanged on MySQL 8.0+, MariaDB 10.6+ and H2 2.x in
-- MySQL mode. Every statement is idempotent so that an interrupted migration can run again.
-- Times are UTC with millisecond precision; JSON documents are LONGTEXT (portable to H2).

CREATE TABLE IF NOT EXISTS min_applications (
  id          VARCHAR(64)  NOT NULL,
  name        VARCHAR(255) NOT NULL,
  namespace   VARCHAR(255) NOT NULL,
  version     VARCHAR(255) NULL,
  alias       VARCHAR(255) NULL,
  project     VARCHAR(255) NULL,
  description TEXT         NULL,
  icon        TEXT         NULL,
  tmp_enable  BOOLEAN      NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  updated_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  INDEX idx_applications_updated (updated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS min_app_components (
  id             VARCHAR(64)  NOT NULL,
  app_id         VARCHAR(64)  NOT NULL,
  ordinal        INT          NOT NULL,
  name           VARCHAR(255) NOT NULL,
  component_type VARCHAR(64)  NULL,
  spec           LONGTEXT     NOT NULL,
  status         VARCHAR(16)  NOT NULL,
  ready_replicas INT          NOT NULL,
  created_at     DATETIME(3)  NOT NULL,
  updated_at     DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  INDEX idx_components_app (app_id, ordinal)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS min_workflows (
  id         VARCHAR(64)  NOT NULL,
  app_id     VARCHAR(64)  NOT NULL,
  name       VARCHAR(255) NOT NULL,
  alias      VARCHAR(255) NULL,
  steps      LONGTEXT     NOT NULL,
  created_at DATETIME(3)  NOT NULL,
  updated_at DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  INDEX idx_workflows_app (app_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Tasks (one execution of a workflow). Every state change is a conditional UPDATE on
-- (id, status, attempt).
CREATE TABLE IF NOT EXISTS min_workflow_queue (
  id               VARCHAR(64)  NOT NULL,
  app_id           VARCHAR(64)  NOT NULL,
  workflow_id      VARCHAR(64)  NULL,
  workflow_name    VARCHAR(255) NULL,
  status           VARCHAR(16)  NOT NULL,
  attempt          INT          NOT NULL,
  owner            VARCHAR(255) NULL,
  lease_until      DATETIME(3)  NULL,
  deadline         DATETIME(3)  NULL,
  error            MEDIUMTEXT   NULL,
  created_at       DATETIME(3)  NOT NULL,
  updated_at       DATETIME(3)  NULL,
  started_at       DATETIME(3)  NULL,
  finished_at      DATETIME(3)  NULL,
  cancel_requested BOOLEAN      NOT NULL,
  cancelled_by     VARCHAR(255) NULL,
  cancel_reason    TEXT         NULL,
  PRIMARY KEY (id),
  INDEX idx_queue_status_created (status, created_at, id),
  INDEX idx_queue_status_lease (status, lease_until),
  INDEX idx_queue_app_created (app_id, created_at),
  INDEX idx_queue_app_status (app_id, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Job records, insert-only; the auto-increment id keeps insertion order.
CREATE TABLE IF NOT EXISTS min_job (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  task_id        VARCHAR(64)  NOT NULL,
  attempt        INT          NOT NULL,
  step_name      VARCHAR(255) NULL,
  component_name VARCHAR(255) NULL,
  name           VARCHAR(255) NOT NULL,
  kind           VARCHAR(64)  NOT NULL,
  namespace      VARCHAR(255) NULL,
  status         VARCHAR(16)  NOT NULL,
  error          MEDIUMTEXT   NULL,
  started_at     DATETIME(3)  NULL,
  finished_at    DATETIME(3)  NULL,
  PRIMARY KEY (id),
  INDEX idx_job_task (task_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per application that ever had a task inserted with an active-task limit: inserting a
-- task locks it, so the count of active tasks and the insert are atomic.
CREATE TABLE IF NOT EXISTS min_app_locks (
  app_id     VARCHAR(64) NOT NULL,
  lock_count BIGINT      NOT NULL,
  PRIMARY KEY (app_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
