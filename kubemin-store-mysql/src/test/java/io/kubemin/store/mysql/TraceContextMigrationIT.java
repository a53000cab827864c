package io.kubemin.store.mysql;

import org.junit.jupiter.api.Test;

/** {@link TraceContextMigration} on MariaDB (skipped when it does not answer). */
class TraceContextMigrationIT {
  @Test
  void aVersionSixDatabaseWithDataMigratesToStoredTraceContexts() throws Exception {
    try (MariaDbDatabase database = MariaDbDatabase.create()) {
      TraceContextMigration.run(database.mariaDbUrl());
    }
  }
}
