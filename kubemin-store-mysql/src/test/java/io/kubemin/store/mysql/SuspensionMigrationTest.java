package io.kubemin.store.mysql;

import io.kubemin.Ids;
import org.junit.jupiter.api.Test;

/** {@link SuspensionMigration} on H2 in MySQL mode. */
class SuspensionMigrationTest {
  @Test
  void aDatabaseBeforeVersionEightWithTasksMigratesAndSuspendedTasksMoveBetweenEngines()
      throws Exception {
    SuspensionMigration.run(
        "jdbc:h2:mem:suspensions_"
            + Ids.newId()
            + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
  }
}
