package io.kubemin.store.mysql;

import org.junit.jupiter.api.Test;

/** {@link RevisionMigration} on MariaDB (skipped when it does not answer). */
class RevisionMigrationIT {
  @Test
  void aWaveOneDatabaseWithDataMigratesToRevisions() throws Exception {
    try (MariaDbDatabase database = MariaDbDatabase.create()) {
      RevisionMigration.run(database.mariaDbUrl());
    }
  }
}
