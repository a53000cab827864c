-- KubeMin store schema, version 4: named leases for leader election among the instances that
-- share the database (one row per lease, taken and renewed by a conditional UPDATE). One
-- statement, idempotent.

CREATE TABLE IF NOT EXISTS min_leases (
  name        VARCHAR(64)  NOT NULL,
  holder      VARCHAR(255) NOT NULL,
  lease_until DATETIME(3)  NOT NULL,
  acquired_at DATETIME(3)  NOT NULL,
  renewals    BIGINT       NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
