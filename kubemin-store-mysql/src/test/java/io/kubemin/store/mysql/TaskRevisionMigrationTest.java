package io.kubemin.store.mysql;

import io.kubemin.Ids;
import org.junit.jupiter.api.Test;

/** {@link TaskRevisionMigration} on H2 in MySQL mode. */
class TaskRevisionMigrationTest {
  @Test
  void aVersionEightDatabaseKeepsItsTasksRevisionsAndStoresNewOnesInTheTaskRow() throws Exception {
    TaskRevisionMigration.run(
        "jdbc:h2:mem:task_revisions_"
            + Ids.newId()
            + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
  }
}
