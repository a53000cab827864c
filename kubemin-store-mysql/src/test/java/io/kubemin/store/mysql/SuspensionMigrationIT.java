package io.kubemin.store.mysql;

import org.junit.jupiter.api.Test;

/** {@link SuspensionMigration} on MariaDB (skipped when it does not answer). */
class SuspensionMigrationIT {
  @Test
  void aDatabaseBeforeVersionEightWithTasksMigratesAndSuspendedTasksMoveBetweenEngines()
      throws Exception {
    try (MariaDbDatabase database = MariaDbDatabase.create()) {
      SuspensionMigration.run(database.mariaDbUrl());
    }
  }
}
