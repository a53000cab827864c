package io.kubemin.store.mysql;

import org.junit.jupiter.api.Test;

/** {@link TaskRevisionMigration} on MariaDB (skipped when it does not answer). */
class TaskRevisionMigrationIT {
  @Test
  void aVersionEightDatabaseKeepsItsTasksRevisionsAndStoresNewOnesInTheTaskRow() throws Exception {
    try (MariaDbDatabase database = MariaDbDatabase.create()) {
      TaskRevisionMigration.run(database.mariaDbUrl());
    }
  }
}
