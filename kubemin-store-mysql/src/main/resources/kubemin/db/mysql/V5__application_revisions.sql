-- KubeMin store schema, version 5: application revisions (one immutable row per numbered
-- revision of an application's definition) and the revision each task deployed. Both tables are
-- new, so existing rows are untouched: applications stored before get their first revision at
-- their next change, and tasks created before have no revision. Every statement is idempotent.

CREATE TABLE IF NOT EXISTS min_app_revisions (
  app_id       VARCHAR(64)  NOT NULL,
  revision     INT          NOT NULL,
  version      VARCHAR(255) NULL,
  components   LONGTEXT     NOT NULL,
  workflow     LONGTEXT     NOT NULL,
  author       VARCHAR(255) NOT NULL,
  cause        VARCHAR(512) NOT NULL,
  content_hash VARCHAR(64)  NOT NULL,
  created_at   DATETIME(3)  NOT NULL,
  PRIMARY KEY (app_id, revision)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS min_task_revisions (
  task_id  VARCHAR(64) NOT NULL,
  app_id   VARCHAR(64) NOT NULL,
  revision INT         NOT NULL,
  PRIMARY KEY (task_id),
  INDEX idx_task_revisions_app (app_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
